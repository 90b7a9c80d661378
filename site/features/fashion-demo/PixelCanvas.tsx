/** Draws RGBA pixels on a canvas (scaled up by CSS), with a text alternative. */
import { useEffect, useRef } from 'preact/hooks';

export default function PixelCanvas({
  rgba,
  width,
  height,
  label,
  class: className,
}: {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
  label: string;
  class?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    canvas.current?.getContext('2d')?.putImageData(new ImageData(rgba, width, height), 0, 0);
  }, [rgba, width, height]);
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      role="img"
      aria-label={label}
      class={className}
    />
  );
}
