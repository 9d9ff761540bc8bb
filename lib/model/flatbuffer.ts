// Minimal hand-written FlatBuffers builder and reader: just enough to edit a .tflite root and write TFLite metadata.

/**
 * A reference to an object, measured as its distance from the END of the buffer being built (the
 * usual back-to-front FlatBuffers convention). Objects that live in bytes appended after the built
 * part (e.g. an untouched old model) get negative refs: `-position` within the appended bytes.
 */
export type Ref = number;

/** One table field. `offset` fields point at another object (by Ref); the rest are inline scalars. */
export type Field =
  | { id: number; type: 'u8' | 'i8' | 'u32' | 'f32'; value: number }
  | { id: number; type: 'offset'; value: Ref };

const SCALAR_SIZE = { u8: 1, i8: 1, u32: 4, f32: 4, offset: 4 } as const;

/** Back-to-front builder: children are written before parents, so every uoffset points forward. */
export class Builder {
  private bytes = new Uint8Array(1024);
  private head = this.bytes.length; // bytes[head..] is what has been written so far
  private minAlign = 1;

  /** Bytes written so far; also the Ref of whatever was written last. */
  get size(): number {
    return this.bytes.length - this.head;
  }

  private reserve(n: number): void {
    while (this.head < n) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes, grown.length - this.bytes.length);
      this.head += grown.length - this.bytes.length;
      this.bytes = grown;
    }
  }

  private view(n: number): DataView {
    this.reserve(n);
    this.head -= n;
    return new DataView(this.bytes.buffer, this.head, n);
  }

  /** Pad so that after `additional` more bytes the size is a multiple of `align`. */
  prep(align: number, additional: number): void {
    this.minAlign = Math.max(this.minAlign, align);
    const pad = (align - ((this.size + additional) % align)) % align;
    this.reserve(pad);
    this.head -= pad;
    this.bytes.fill(0, this.head, this.head + pad);
  }

  private scalar(type: Field['type'], value: number): void {
    this.prep(SCALAR_SIZE[type], 0);
    if (type === 'offset') {
      // uoffset = target - field position; in end-relative terms that is (size after write) - ref.
      const v = this.size + 4 - value;
      if (v <= 0 || v > 0xffffffff) throw new Error(`flatbuffer: offset ${v} does not point forward`);
      this.view(4).setUint32(0, v, true);
    } else if (type === 'u32') this.view(4).setUint32(0, value, true);
    else if (type === 'f32') this.view(4).setFloat32(0, value, true);
    else if (type === 'u8') this.view(1).setUint8(0, value);
    else this.view(1).setInt8(0, value);
  }

  createString(s: string): Ref {
    const utf8 = new TextEncoder().encode(s);
    this.prep(4, utf8.length + 1);
    this.view(1).setUint8(0, 0); // strings are NUL-terminated on the wire
    this.reserve(utf8.length);
    this.head -= utf8.length;
    this.bytes.set(utf8, this.head);
    this.view(4).setUint32(0, utf8.length, true);
    return this.size;
  }

  /** Byte vector whose payload starts at a multiple of `align` (TFLite Buffer.data wants 16). */
  createByteVector(data: Uint8Array, align = 4): Ref {
    this.prep(4, data.length);
    this.prep(align, data.length);
    this.reserve(data.length);
    this.head -= data.length;
    this.bytes.set(data, this.head);
    this.view(4).setUint32(0, data.length, true);
    return this.size;
  }

  createFloatVector(values: readonly number[]): Ref {
    this.prep(4, 4 * values.length);
    for (let i = values.length - 1; i >= 0; i--) this.scalar('f32', values[i]!);
    this.view(4).setUint32(0, values.length, true);
    return this.size;
  }

  createOffsetVector(refs: readonly Ref[]): Ref {
    this.prep(4, 4 * refs.length);
    for (let i = refs.length - 1; i >= 0; i--) this.scalar('offset', refs[i]!);
    this.view(4).setUint32(0, refs.length, true);
    return this.size;
  }

  /** Writes a table (fields, then soffset to its vtable, then the vtable just before it). */
  createTable(fields: readonly Field[]): Ref {
    const objectEnd = this.size;
    const fieldRefs = new Map<number, Ref>();
    // Largest fields first keeps padding minimal; the vtable records where each one landed.
    const sorted = [...fields].sort((a, b) => SCALAR_SIZE[b.type] - SCALAR_SIZE[a.type]);
    for (const f of sorted) {
      this.scalar(f.type, f.value);
      fieldRefs.set(f.id, this.size);
    }
    this.prep(4, 4);
    this.view(4).setInt32(0, 0, true); // soffset to vtable, patched below
    const tableRef = this.size;
    const numSlots = fields.length ? Math.max(...fields.map((f) => f.id)) + 1 : 0;
    for (let id = numSlots - 1; id >= 0; id--) {
      const r = fieldRefs.get(id);
      this.view(2).setUint16(0, r === undefined ? 0 : tableRef - r, true);
    }
    this.view(2).setUint16(0, tableRef - objectEnd, true);
    this.view(2).setUint16(0, 4 + 2 * numSlots, true);
    // vtable = table - soffset, and the vtable sits right before the table.
    new DataView(this.bytes.buffer).setInt32(this.bytes.length - tableRef, this.size - tableRef, true);
    return tableRef;
  }

  /** Writes root uoffset + 4-char file identifier; total size becomes a multiple of `align`. */
  finish(root: Ref, identifier: string, align = 1): Uint8Array {
    this.prep(Math.max(this.minAlign, align), 8);
    const id = new TextEncoder().encode(identifier);
    if (id.length !== 4) throw new Error('flatbuffer: file identifier must be 4 bytes');
    this.reserve(4);
    this.head -= 4;
    this.bytes.set(id, this.head);
    this.scalar('offset', root);
    return this.bytes.slice(this.head);
  }
}

/** Read-only accessors over a finished flatbuffer; positions are absolute byte indices. */
export class Reader {
  private dv: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(p: number): number {
    return this.dv.getUint8(p);
  }
  u16(p: number): number {
    return this.dv.getUint16(p, true);
  }
  u32(p: number): number {
    return this.dv.getUint32(p, true);
  }
  f32(p: number): number {
    return this.dv.getFloat32(p, true);
  }
  identifier(): string {
    return new TextDecoder().decode(this.bytes.subarray(4, 8));
  }
  root(): number {
    return this.u32(0);
  }
  /** Follows the uoffset stored at p. */
  deref(p: number): number {
    return p + this.u32(p);
  }
  /** Number of field slots in a table's vtable (fields with higher ids are absent). */
  slots(table: number): number {
    const vtable = table - this.dv.getInt32(table, true);
    return (this.u16(vtable) - 4) / 2;
  }
  /** Absolute position of a table field's inline value, or 0 if the field is absent. */
  field(table: number, id: number): number {
    if (id >= this.slots(table)) return 0;
    const off = this.u16(table - this.dv.getInt32(table, true) + 4 + 2 * id);
    return off ? table + off : 0;
  }
  /** Target of an offset field (table, vector or string), or 0 if absent. */
  ref(table: number, id: number): number {
    const p = this.field(table, id);
    return p ? this.deref(p) : 0;
  }
  string(p: number): string {
    return new TextDecoder().decode(this.bytes.subarray(p + 4, p + 4 + this.u32(p)));
  }
  /** Positions of a vector's elements (each `elemSize` bytes). */
  vector(p: number, elemSize: number): number[] {
    if (!p) return [];
    return Array.from({ length: this.u32(p) }, (_, i) => p + 4 + i * elemSize);
  }
  /** Absolute positions of the tables a vector of offsets points to. */
  tables(p: number): number[] {
    return this.vector(p, 4).map((e) => this.deref(e));
  }
}
