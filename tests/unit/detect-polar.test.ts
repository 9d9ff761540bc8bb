import { describe, expect, it } from 'vitest';
import { lonLatToUV, polarViews, viewBoxToPicture, viewToLonLat } from '@/lib/detect/polar';

const deg = (r: number) => (r * 180) / Math.PI;

describe('polar views of a panorama', () => {
  const [north, south] = polarViews(4096);

  it('are a quarter of the picture wide, 100° across, one per pole', () => {
    expect(north).toMatchObject({ pole: 1, size: 1024 });
    expect(south).toMatchObject({ pole: -1, size: 1024 });
    expect(deg(viewToLonLat(north!, 512, 512)[1])).toBeCloseTo(90);
    expect(deg(viewToLonLat(south!, 512, 512)[1])).toBeCloseTo(-90);
    // The middle of an edge: 50° from the pole.
    expect(deg(viewToLonLat(north!, 1024, 512)[1])).toBeCloseTo(40);
    expect(polarViews(16384)[0]!.size).toBe(2048);
    // A panorama shown small needs less detail: smaller views, never under 256 px.
    expect(polarViews(4096, 0.5)[0]!.size).toBe(512);
    expect(polarViews(4096, 0.01)[0]!.size).toBe(256);
  });

  it('maps longitude and latitude onto the picture, wrapping the seam', () => {
    expect(lonLatToUV(0, 0)).toEqual([0.5, 0.5]);
    expect(lonLatToUV(Math.PI / 2, Math.PI / 4)).toEqual([0.75, 0.25]);
    expect(lonLatToUV(-Math.PI - 0.1, 0)[0]).toBeCloseTo(1 - 0.1 / (2 * Math.PI));
  });

  it('turns a face seen in a view into the box it covers on the picture', () => {
    // A box straight "above" the centre of the north view, a third of the way out: longitude 0, about 70° north.
    const [box] = viewBoxToPicture(north!, { x: 0.45, y: 0.25, w: 0.1, h: 0.1 });
    expect(box!.x).toBeLessThan(0.5);
    expect(box!.x + box!.w).toBeGreaterThan(0.5);
    const [u, v] = lonLatToUV(...viewToLonLat(north!, 0.5 * 1024, 0.3 * 1024));
    expect(u).toBeGreaterThan(box!.x);
    expect(u).toBeLessThan(box!.x + box!.w);
    expect(v).toBeGreaterThan(box!.y);
    expect(v).toBeLessThan(box!.y + box!.h);
    expect(box!.y + box!.h).toBeLessThan(0.25); // north of 45°
  });

  it('splits a box across the seam, and gives a box around the pole the whole cap', () => {
    // Straight "below" the centre of the north view is longitude 180°: the seam.
    const parts = viewBoxToPicture(north!, { x: 0.45, y: 0.65, w: 0.1, h: 0.1 });
    expect(parts).toHaveLength(2);
    expect(parts[0]!.x + parts[0]!.w).toBeCloseTo(1);
    expect(parts[1]!.x).toBe(0);
    const cap = viewBoxToPicture(south!, { x: 0.4, y: 0.4, w: 0.2, h: 0.2 });
    expect(cap).toHaveLength(1);
    expect(cap[0]).toMatchObject({ x: 0, w: 1 });
    expect(cap[0]!.y + cap[0]!.h).toBe(1);
  });
});
