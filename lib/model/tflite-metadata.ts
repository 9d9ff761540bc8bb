// Attaches (and reads back) the TFLite ModelMetadata that MediaPipe tasks-vision needs to accept a float BlazeFace model.

import { Builder, Reader, type Field, type Ref } from './flatbuffer';

/** Name of the tflite Model.metadata entry that MediaPipe's metadata extractor looks up. */
export const TFLITE_METADATA = 'TFLITE_METADATA';

// Field ids (declaration order) from tensorflow/lite/schema/schema.fbs.
const MODEL = { version: 0, operatorCodes: 1, subgraphs: 2, description: 3, buffers: 4, metadataBuffer: 5, metadata: 6, signatureDefs: 7 };
const BUFFER = { data: 0, offset: 1, size: 2 };
const METADATA = { name: 0, buffer: 1 };
// Field ids from tensorflow_lite_support/metadata/metadata_schema.fbs.
const MODEL_METADATA = { name: 0, description: 1, subgraphMetadata: 3, minParserVersion: 7 };
const SUBGRAPH_METADATA = { inputTensorMetadata: 2, outputTensorMetadata: 3 };
const TENSOR_METADATA = { name: 0, content: 3, processUnits: 4 };
const CONTENT = { propertiesType: 0, properties: 1 }; // a union is a type byte + offset pair
const IMAGE_PROPERTIES = { colorSpace: 0 };
const PROCESS_UNIT = { optionsType: 0, options: 1 };
const NORMALIZATION = { mean: 0, std: 1 };
const CONTENT_IMAGE_PROPERTIES = 2; // ContentProperties union tag
const PROCESS_NORMALIZATION = 1; // ProcessUnitOptions union tag
const COLOR_SPACES = ['UNKNOWN', 'RGB', 'GRAYSCALE'];

export interface AttachOptions {
  /** ModelMetadata.name, e.g. "BlazeFace full range". */
  name: string;
  /** If the model already carries TFLITE_METADATA: true replaces it, otherwise we throw. */
  replace?: boolean;
}

/** BlazeFace takes RGB in [-1, 1]: (x - 127.5) / 127.5. MediaPipe refuses float inputs without this. */
export function buildFaceDetectorMetadata(name: string): Uint8Array {
  const b = new Builder();
  const normalization = b.createTable([
    { id: NORMALIZATION.mean, type: 'offset', value: b.createFloatVector([127.5]) },
    { id: NORMALIZATION.std, type: 'offset', value: b.createFloatVector([127.5]) },
  ]);
  const processUnit = b.createTable([
    { id: PROCESS_UNIT.optionsType, type: 'u8', value: PROCESS_NORMALIZATION },
    { id: PROCESS_UNIT.options, type: 'offset', value: normalization },
  ]);
  const imageProps = b.createTable([{ id: IMAGE_PROPERTIES.colorSpace, type: 'i8', value: 1 /* RGB */ }]);
  const content = b.createTable([
    { id: CONTENT.propertiesType, type: 'u8', value: CONTENT_IMAGE_PROPERTIES },
    { id: CONTENT.properties, type: 'offset', value: imageProps },
  ]);
  const input = b.createTable([
    { id: TENSOR_METADATA.name, type: 'offset', value: b.createString('image') },
    { id: TENSOR_METADATA.content, type: 'offset', value: content },
    { id: TENSOR_METADATA.processUnits, type: 'offset', value: b.createOffsetVector([processUnit]) },
  ]);
  // Output tensor metadata is left out: the face detector graph decodes boxes itself (SSD anchors).
  const subgraph = b.createTable([
    { id: SUBGRAPH_METADATA.inputTensorMetadata, type: 'offset', value: b.createOffsetVector([input]) },
  ]);
  const root = b.createTable([
    { id: MODEL_METADATA.name, type: 'offset', value: b.createString(name) },
    { id: MODEL_METADATA.subgraphMetadata, type: 'offset', value: b.createOffsetVector([subgraph]) },
    // Only 1.0.0-era fields are used (ImageProperties, NormalizationOptions).
    { id: MODEL_METADATA.minParserVersion, type: 'offset', value: b.createString('1.0.0') },
  ]);
  return b.finish(root, 'M001', 16);
}

/**
 * Returns a new .tflite whose root Model references a ModelMetadata buffer via a TFLITE_METADATA entry.
 * uoffsets only point forward, so a new root table plus new `buffers`/`metadata` vectors are
 * prepended, and the original file follows byte-for-byte at a multiple of 16 (tensor data alignment).
 */
export function attachFaceDetectorMetadata(model: Uint8Array, opts: AttachOptions): Uint8Array {
  const r = new Reader(model);
  if (model.length < 8 || r.identifier() !== 'TFL3') throw new Error('not a TFLite model (missing TFL3 identifier)');
  const root = r.root();
  for (let id = Object.keys(MODEL).length; id < r.slots(root); id++) {
    if (r.field(root, id)) throw new Error(`tflite Model has unknown field ${id}; refusing to rewrite it`);
  }
  const buffers = r.tables(r.ref(root, MODEL.buffers));
  // Buffers stored outside the flatbuffer use absolute file offsets, which our prepend would break.
  const external = (t: number) => {
    const p = r.field(t, BUFFER.offset); // a ulong: read both halves
    return p !== 0 && (r.u32(p) > 1 || r.u32(p + 4) !== 0);
  };
  if (buffers.some(external)) {
    throw new Error('tflite model uses external (offset/size) buffers; not supported');
  }
  let entries = r.tables(r.ref(root, MODEL.metadata));
  const existing = entries.filter((t) => r.string(r.ref(t, METADATA.name)) === TFLITE_METADATA);
  if (existing.length && !opts.replace) throw new Error(`model already has a ${TFLITE_METADATA} entry`);
  entries = entries.filter((t) => !existing.includes(t)); // the old metadata buffer is left orphaned

  const b = new Builder();
  // Old objects sit after the new part, so their Ref is minus their position in the old bytes.
  const old = (pos: number): Ref => -pos;
  const data = b.createByteVector(buildFaceDetectorMetadata(opts.name), 16);
  const newBuffer = b.createTable([{ id: BUFFER.data, type: 'offset', value: data }]);
  const buffersVec = b.createOffsetVector([...buffers.map(old), newBuffer]);
  const entry = b.createTable([
    { id: METADATA.name, type: 'offset', value: b.createString(TFLITE_METADATA) },
    { id: METADATA.buffer, type: 'u32', value: buffers.length },
  ]);
  const metadataVec = b.createOffsetVector([...entries.map(old), entry]);

  const fields: Field[] = [
    { id: MODEL.buffers, type: 'offset', value: buffersVec },
    { id: MODEL.metadata, type: 'offset', value: metadataVec },
  ];
  const version = r.field(root, MODEL.version);
  if (version) fields.push({ id: MODEL.version, type: 'u32', value: r.u32(version) });
  for (const id of [MODEL.operatorCodes, MODEL.subgraphs, MODEL.description, MODEL.metadataBuffer, MODEL.signatureDefs]) {
    const target = r.ref(root, id);
    if (target) fields.push({ id, type: 'offset', value: old(target) });
  }
  const front = b.finish(b.createTable(fields), 'TFL3', 16);
  const out = new Uint8Array(front.length + model.length);
  out.set(front);
  out.set(model, front.length);
  return out;
}

export interface FaceDetectorMetadata {
  identifier: string;
  minParserVersion: string;
  name: string;
  mean: number[];
  std: number[];
  colorSpace: string;
}

export interface ModelMetadataSummary {
  version: number;
  description: string;
  operatorCodesCount: number;
  subgraphsCount: number;
  buffersCount: number;
  metadataEntries: { name: string; buffer: number }[];
  /** Parsed TFLITE_METADATA buffer, or null when the model has none. */
  metadata: FaceDetectorMetadata | null;
}

/** Reads the root Model summary and, if present, the TFLITE_METADATA ModelMetadata. */
export function readModelMetadata(model: Uint8Array): ModelMetadataSummary {
  const r = new Reader(model);
  const root = r.root();
  const version = r.field(root, MODEL.version);
  const description = r.ref(root, MODEL.description);
  const buffers = r.tables(r.ref(root, MODEL.buffers));
  const metadataEntries = r.tables(r.ref(root, MODEL.metadata)).map((t) => {
    const buf = r.field(t, METADATA.buffer);
    return { name: r.string(r.ref(t, METADATA.name)), buffer: buf ? r.u32(buf) : 0 };
  });
  const entry = metadataEntries.find((e) => e.name === TFLITE_METADATA);
  const bufTable = entry && buffers[entry.buffer];
  const data = bufTable ? r.ref(bufTable, BUFFER.data) : 0;
  return {
    version: version ? r.u32(version) : 0,
    description: description ? r.string(description) : '',
    operatorCodesCount: r.vector(r.ref(root, MODEL.operatorCodes), 4).length,
    subgraphsCount: r.vector(r.ref(root, MODEL.subgraphs), 4).length,
    buffersCount: buffers.length,
    metadataEntries,
    metadata: data ? parseFaceDetectorMetadata(model.subarray(data + 4, data + 4 + r.u32(data))) : null,
  };
}

function parseFaceDetectorMetadata(bytes: Uint8Array): FaceDetectorMetadata {
  const m = new Reader(bytes);
  const root = m.root();
  const str = (t: number, id: number) => (m.ref(t, id) ? m.string(m.ref(t, id)) : '');
  const floats = (p: number) => m.vector(p, 4).map((e) => m.f32(e));
  const subgraph = m.tables(m.ref(root, MODEL_METADATA.subgraphMetadata))[0];
  const input = subgraph && m.tables(m.ref(subgraph, SUBGRAPH_METADATA.inputTensorMetadata))[0];
  let mean: number[] = [];
  let std: number[] = [];
  let colorSpace = 'UNKNOWN';
  if (input) {
    for (const unit of m.tables(m.ref(input, TENSOR_METADATA.processUnits))) {
      const type = m.field(unit, PROCESS_UNIT.optionsType);
      if (type && m.u8(type) === PROCESS_NORMALIZATION) {
        const opts = m.ref(unit, PROCESS_UNIT.options);
        mean = floats(m.ref(opts, NORMALIZATION.mean));
        std = floats(m.ref(opts, NORMALIZATION.std));
      }
    }
    const content = m.ref(input, TENSOR_METADATA.content);
    const type = content ? m.field(content, CONTENT.propertiesType) : 0;
    if (type && m.u8(type) === CONTENT_IMAGE_PROPERTIES) {
      const cs = m.field(m.ref(content, CONTENT.properties), IMAGE_PROPERTIES.colorSpace);
      colorSpace = COLOR_SPACES[cs ? m.u8(cs) : 0] ?? 'UNKNOWN';
    }
  }
  return {
    identifier: m.identifier(),
    minParserVersion: str(root, MODEL_METADATA.minParserVersion),
    name: str(root, MODEL_METADATA.name),
    mean,
    std,
    colorSpace,
  };
}
