import { describe, expect, it } from 'vitest';
import { layerProps, pictureUrl, pictureUrls, splitList } from '@/lib/background/layers';
import { backgroundTiles, parseRepeat, tileSize } from '@/lib/background/tiles';

const style = (over: Partial<Record<string, string>> = {}) => ({
  backgroundImage: 'none',
  backgroundSize: 'auto',
  backgroundPositionX: '0%',
  backgroundPositionY: '0%',
  backgroundRepeat: 'repeat',
  backgroundOrigin: 'padding-box',
  backgroundClip: 'border-box',
  backgroundAttachment: 'scroll',
  ...over,
});

describe('background layers', () => {
  it('splits lists on top-level commas only', () => {
    expect(splitList('url("a,b.jpg"), linear-gradient(red, blue), url(c.jpg)')).toEqual(['url("a,b.jpg")', 'linear-gradient(red, blue)', 'url(c.jpg)']);
  });

  it('reads url() in its quoted, unquoted and escaped forms', () => {
    expect(pictureUrl('url("http://x/a b.jpg")', 1)).toBe('http://x/a b.jpg');
    expect(pictureUrl("url('http://x/a.jpg')", 1)).toBe('http://x/a.jpg');
    expect(pictureUrl('url(http://x/a.jpg)', 1)).toBe('http://x/a.jpg');
    expect(pictureUrl('url("http://x/a\\"q.jpg")', 1)).toBe('http://x/a"q.jpg');
    expect(pictureUrl('url("http://x/\\31 .jpg")', 1)).toBe('http://x/1.jpg');
    expect(pictureUrl('url("http://x/\\110000.jpg")', 1)).toBe('http://x/\ufffd.jpg');
    expect(pictureUrl('none', 1)).toBeNull();
    expect(pictureUrl('linear-gradient(rgb(255, 0, 0), rgb(0, 0, 255))', 1)).toBeNull();
  });

  it('picks from image-set() as the browser does', () => {
    const set = 'image-set(url("http://x/1.jpg") 1x, url("http://x/2.jpg") 2x, url("http://x/3.jpg") 3x)';
    expect(pictureUrl(set, 1)).toBe('http://x/1.jpg');
    expect(pictureUrl(set, 1.5)).toBe('http://x/2.jpg');
    expect(pictureUrl(set, 4)).toBe('http://x/3.jpg'); // none enough: the highest
    expect(pictureUrl('-webkit-image-set(url("http://x/a.jpg") 1x, url("http://x/b.jpg") 192dpi)', 2)).toBe('http://x/b.jpg');
    expect(pictureUrl('image-set("http://x/q.jpg" 1x)', 1)).toBe('http://x/q.jpg');
    expect(pictureUrl('image-set(url("http://x/a.jxl") type("image/jxl") 1x, url("http://x/a.jpg") type("image/jpeg") 1x)', 1)).toBe('http://x/a.jpg');
    expect(pictureUrl('image-set(linear-gradient(red, blue) 1x)', 1)).toBeNull();
  });

  it('finds the picture layers and pairs each with its own item of the other lists, repeating short lists', () => {
    const css = style({
      backgroundImage: 'url("http://x/top.jpg"), linear-gradient(red, blue), url("http://x/bottom.jpg")',
      backgroundSize: 'cover, auto',
      backgroundRepeat: 'no-repeat',
      backgroundPositionX: '10px, 50%, right 5px',
    });
    const layers = pictureUrls(css.backgroundImage, 1);
    expect(layers).toEqual([
      { index: 0, url: 'http://x/top.jpg' },
      { index: 2, url: 'http://x/bottom.jpg' },
    ]);
    expect(layers.map(({ index }) => layerProps(css, index)).map((l) => [l.size, l.repeat, l.positionX])).toEqual([
      ['cover', 'no-repeat', '10px'],
      ['cover', 'no-repeat', 'right 5px'],
    ]);
    expect(pictureUrls('none', 1)).toEqual([]);
  });
});

describe('background tiles', () => {
  const area = { x: 0, y: 0, w: 400, h: 200 };
  const natural = { w: 800, h: 600 };
  const base = { area, clip: area, natural, positionX: '0%', positionY: '0%', repeat: 'no-repeat' };

  it('sizes the tile: cover, contain, lengths, percentages and auto', () => {
    expect(tileSize('cover', area, natural)).toEqual({ w: 400, h: 300 });
    expect(tileSize('contain', area, natural)).toEqual({ w: expect.closeTo(800 / 3), h: 200 });
    expect(tileSize('auto', area, natural)).toEqual({ w: 800, h: 600 });
    expect(tileSize('100px auto', area, natural)).toEqual({ w: 100, h: 75 });
    expect(tileSize('auto 50%', area, natural)).toEqual({ w: expect.closeTo(400 / 3), h: 100 });
    expect(tileSize('50% 20px', area, natural)).toEqual({ w: 200, h: 20 });
  });

  it('reads repeat keywords per axis', () => {
    expect(parseRepeat('repeat-x')).toEqual(['repeat', 'no-repeat']);
    expect(parseRepeat('repeat-y')).toEqual(['no-repeat', 'repeat']);
    expect(parseRepeat('space round')).toEqual(['space', 'round']);
    expect(parseRepeat('no-repeat')).toEqual(['no-repeat', 'no-repeat']);
  });

  it('positions one picture with cover and a centred position', () => {
    expect(backgroundTiles({ ...base, size: 'cover', positionX: '50%', positionY: '50%' })).toEqual([{ x: 0, y: -50, w: 400, h: 300 }]);
    expect(backgroundTiles({ ...base, size: 'contain', positionX: 'right 10px', positionY: '0%' })).toEqual([
      { x: expect.closeTo(400 - 10 - 800 / 3), y: 0, w: expect.closeTo(800 / 3), h: 200 },
    ]);
  });

  it('repeats tiles over the clip, starting before it when the position is inside', () => {
    const tiles = backgroundTiles({ ...base, size: '100px 100px', repeat: 'repeat', positionX: '30px', positionY: '0px' });
    expect(tiles).not.toBe('too many');
    const xs = [...new Set((tiles as { x: number }[]).map((t) => t.x))];
    expect(xs).toEqual([-70, 30, 130, 230, 330]);
    expect((tiles as unknown[]).length).toBe(10);
  });

  it('rounds and spaces tiles', () => {
    const round = backgroundTiles({ ...base, size: '130px auto', repeat: 'round no-repeat' }) as { w: number; h: number }[];
    expect(round).toHaveLength(3);
    expect(round[0]!.w).toBeCloseTo(400 / 3);
    expect(round[0]!.h).toBeCloseTo(100); // ratio kept: the height was auto
    const space = backgroundTiles({ ...base, size: '120px 50px', repeat: 'space no-repeat' }) as { x: number }[];
    expect(space.map((t) => t.x)).toEqual([0, 140, 280]);
  });

  it('gives up on a pattern of tiny tiles, and on empty input', () => {
    expect(backgroundTiles({ ...base, size: '10px 10px', repeat: 'repeat' })).toBe('too many');
    expect(backgroundTiles({ ...base, size: 'cover', natural: { w: 0, h: 0 } })).toEqual([]);
  });
});
