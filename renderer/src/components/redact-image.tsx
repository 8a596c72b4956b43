// Blacking out parts of a screenshot before it is added: the user drags rectangles over what must
// not leave (names, addresses, data); the image that is added has those pixels painted black.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Paint the regions black on a copy of the image at its full size; PNG bytes as base64. */
export async function blackOut(src: string, regions: Region[]): Promise<string> {
  const img = await loadImage(src);
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(img, 0, 0);
  ctx.fillStyle = '#000';
  for (const r of regions) ctx.fillRect(r.x, r.y, r.w, r.h);
  const blob: Blob = await new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('cannot encode the image'))),
      'image/png',
    ),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the image cannot be shown'));
    img.src = src;
  });
}

export function RedactImage(props: {
  src: string;
  regions: Region[];
  onChange(r: Region[]): void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [img, setImg] = useState<HTMLImageElement>();
  const [drag, setDrag] = useState<{ x0: number; y0: number; r: Region }>();

  useEffect(() => {
    void loadImage(props.src).then(setImg);
  }, [props.src]);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !img) return;
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    ctx.fillStyle = '#000';
    for (const r of [...props.regions, ...(drag ? [drag.r] : [])]) ctx.fillRect(r.x, r.y, r.w, r.h);
  }, [img, props.regions, drag]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const b = e.currentTarget.getBoundingClientRect();
    const sx = e.currentTarget.width / b.width;
    const sy = e.currentTarget.height / b.height;
    return { x: Math.round((e.clientX - b.left) * sx), y: Math.round((e.clientY - b.top) * sy) };
  };

  return (
    <Stack gap="xs">
      <Text size="sm">
        Drag over anything that must not leave (names, addresses, customer data): it is painted
        black before the screenshot is added.
      </Text>
      <canvas
        ref={canvas}
        aria-label="Screenshot preview: drag to black out a region"
        data-testid="redact-canvas"
        style={{
          width: '100%',
          maxHeight: '55vh',
          objectFit: 'contain',
          cursor: 'crosshair',
          border: '1px solid var(--mantine-color-gray-4)',
        }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = point(e);
          setDrag({ x0: p.x, y0: p.y, r: { x: p.x, y: p.y, w: 0, h: 0 } });
        }}
        onPointerMove={(e) => {
          if (!drag) return;
          const p = point(e);
          setDrag({
            ...drag,
            r: {
              x: Math.min(drag.x0, p.x),
              y: Math.min(drag.y0, p.y),
              w: Math.abs(p.x - drag.x0),
              h: Math.abs(p.y - drag.y0),
            },
          });
        }}
        onPointerUp={() => {
          if (drag && drag.r.w > 2 && drag.r.h > 2) props.onChange([...props.regions, drag.r]);
          setDrag(undefined);
        }}
      />
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {props.regions.length} region{props.regions.length === 1 ? '' : 's'} blacked out
        </Text>
        <Button
          size="xs"
          variant="default"
          disabled={!props.regions.length}
          onClick={() => props.onChange(props.regions.slice(0, -1))}
        >
          Undo last region
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={!props.regions.length}
          onClick={() => props.onChange([])}
        >
          Clear all regions
        </Button>
      </Group>
    </Stack>
  );
}
