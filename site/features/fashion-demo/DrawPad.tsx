/**
 * A drawing pad for the Fashion demo: draw with mouse, touch or pen (Pointer Events), upload a
 * photo, or, from the keyboard, place an example outline. Reports the picture as RGBA pixels
 * after every change; the conversion to 28x28 is the pure to-fashion-mnist.ts.
 */
import { useEffect, useRef } from 'preact/hooks';
import { translator } from '../../i18n/ui.ts';
import { EXAMPLE_SHAPES } from './example-shapes.ts';
import type { Rgba } from './to-fashion-mnist.ts';

const PAD = 224;
/** Stroke width in pad pixels: a stroke about one Fashion-MNIST pixel wide after scaling. */
const STROKE = 14;

export default function DrawPad({
  lang,
  label,
  onPicture,
}: {
  lang: string;
  label: string;
  onPicture: (picture: Rgba | null) => void;
}) {
  const t = translator(lang);
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);

  const context = () => canvas.current!.getContext('2d', { willReadFrequently: true })!;
  const clear = () => {
    const c = context();
    c.fillStyle = '#fff';
    c.fillRect(0, 0, PAD, PAD);
  };
  const report = () => {
    const data = context().getImageData(0, 0, PAD, PAD);
    onPicture({ width: PAD, height: PAD, data: data.data });
  };
  useEffect(clear, []);

  const at = (e: PointerEvent) => {
    const box = canvas.current!.getBoundingClientRect();
    return {
      x: ((e.clientX - box.left) / box.width) * PAD,
      y: ((e.clientY - box.top) / box.height) * PAD,
    };
  };
  const line = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const c = context();
    c.strokeStyle = '#000';
    c.lineWidth = STROKE;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(to.x, to.y);
    c.stroke();
  };

  async function upload(file: File | undefined) {
    if (!file) return;
    try {
      const bitmap = await createImageBitmap(file);
      clear();
      const scale = Math.min(PAD / bitmap.width, PAD / bitmap.height);
      const w = bitmap.width * scale;
      const h = bitmap.height * scale;
      context().drawImage(bitmap, (PAD - w) / 2, (PAD - h) / 2, w, h);
      bitmap.close();
      report();
    } catch {
      onPicture(null);
    }
  }

  function shape(index: number) {
    clear();
    const c = context();
    c.fillStyle = '#000';
    c.beginPath();
    EXAMPLE_SHAPES[index]!.points.forEach(([x, y], i) =>
      i ? c.lineTo(x * PAD, y * PAD) : c.moveTo(x * PAD, y * PAD),
    );
    c.closePath();
    c.fill();
    report();
  }

  return (
    <div class="fd-pad">
      <canvas
        ref={canvas}
        width={PAD}
        height={PAD}
        role="img"
        aria-label={label}
        onPointerDown={(e) => {
          canvas.current!.setPointerCapture(e.pointerId);
          last.current = at(e);
          line(last.current, last.current);
        }}
        onPointerMove={(e) => {
          if (!last.current) return;
          const next = at(e);
          line(last.current, next);
          last.current = next;
        }}
        onPointerUp={() => {
          if (!last.current) return;
          last.current = null;
          report();
        }}
        onPointerCancel={() => (last.current = null)}
      />
      <div class="fd-pad-tools">
        <button
          type="button"
          onClick={() => {
            clear();
            onPicture(null);
          }}
        >
          {t('fashion.clear')}
        </button>
        <label class="fd-upload">
          {t('fashion.upload')}
          <input
            type="file"
            accept="image/*"
            onChange={(e) => upload((e.target as HTMLInputElement).files?.[0])}
          />
        </label>
        <label>
          {t('fashion.shape')}{' '}
          <select
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              if (v !== '') shape(Number(v));
            }}
          >
            <option value="">—</option>
            {EXAMPLE_SHAPES.map((s, i) => (
              <option value={String(i)}>{t(s.key)}</option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
