/**
 * Draw or upload a picture, see it converted like Fashion-MNIST, and see what the trained
 * ShuffleNet makes of it: the top-5 classes, the feature maps of a chosen layer and the time
 * each layer takes on the chosen backend. The model runs in the Fashion worker.
 */
import { useState } from 'preact/hooks';
import { translator, type UiKey } from '../../i18n/ui.ts';
import { BROWSER_BACKENDS_LIST, type BrowserBackendName } from '../../tf/backend-names.ts';
import DrawPad from './DrawPad.tsx';
import PixelCanvas from './PixelCanvas.tsx';
import { grayscaleRgba, type FashionReply } from './fashion-demo.ts';
import { featureMapGrid, softmax, strongestChannels, topK } from './inspect.ts';
import { FASHION_SIZE, toFashionMnist, type Converted, type Rgba } from './to-fashion-mnist.ts';
import { useFashionWorker } from './use-worker.ts';

const CLASS_KEYS = Array.from({ length: 10 }, (_, k) => `fashion.class${k}` as UiKey);
/** Layer choices: stem, first unit of each stage, last convolution (index into the trace). */
const MAX_MAPS = 48;
const MAP_COLUMNS = 8;

type Inspection = Extract<FashionReply, { kind: 'inspection' }>;

export default function DrawClassify({ lang = 'en' }: { lang?: string }) {
  const t = translator(lang);
  const percent = (x: number) => (100 * x).toFixed(1);
  const [converted, setConverted] = useState<Converted | null>(null);
  const [blank, setBlank] = useState(false);
  const [layer, setLayer] = useState(0);
  const [backend, setBackend] = useState<BrowserBackendName>('wasm');
  const [result, setResult] = useState<Inspection | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = useFashionWorker(
    (reply) => {
      if (reply.kind === 'inspection') {
        setResult(reply);
        setBusy(false);
      } else if (reply.kind === 'error') {
        setBusy(false);
        setError(t('fashion.failed', { message: reply.message }));
      }
    },
    (message) => {
      setBusy(false);
      setError(t('fashion.failed', { message: message || t('fashion.workerDied') }));
    },
  );

  function run(next: Converted | null, nextLayer = layer, nextBackend = backend) {
    if (!next) return;
    setError(null);
    setBusy(true);
    send({ kind: 'inspect', id: 0, pixels: next.pixels, layer: nextLayer, backend: nextBackend });
  }

  function onPicture(picture: Rgba | null) {
    const next = picture && toFashionMnist(picture);
    setConverted(next);
    setBlank(picture !== null && next === null);
    if (!next) setResult(null);
    run(next);
  }

  const top = result ? topK(softmax(result.logits), 5) : [];
  const maps = result?.maps;
  const grid =
    maps && maps.shape.length === 3
      ? featureMapGrid(maps.shape, maps.values, MAX_MAPS, MAP_COLUMNS)
      : null;
  const total = result?.timings.reduce((sum, l) => sum + l.ms, 0) ?? 0;

  return (
    <section class="island-card fd not-content" aria-label={t('fashion.drawTitle')}>
      <h3 class="fd-heading">{t('fashion.drawTitle')}</h3>
      <p class="fd-note">{t('fashion.drawNote')}</p>
      <div class="fd-draw">
        <DrawPad lang={lang} label={t('fashion.padLabel')} onPicture={onPicture} />
        <div class="fd-converted">
          <p>{t('fashion.converted')}</p>
          {converted ? (
            <PixelCanvas
              rgba={grayscaleRgba(converted.pixels, 0, FASHION_SIZE)}
              width={FASHION_SIZE}
              height={FASHION_SIZE}
              label={t(converted.inverted ? 'fashion.convertedInverted' : 'fashion.convertedAlt')}
              class="fd-big"
            />
          ) : (
            <p class="fd-hint">{t(blank ? 'fashion.blank' : 'fashion.nothingYet')}</p>
          )}
        </div>
      </div>
      <div class="fd-train">
        <label for="fd-backend">{t('fashion.backend')}</label>
        <select
          id="fd-backend"
          value={backend}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value as BrowserBackendName;
            setBackend(v);
            run(converted, layer, v);
          }}
        >
          {BROWSER_BACKENDS_LIST.map((b) => (
            <option value={b}>{b}</option>
          ))}
        </select>
        {result && (
          <>
            <label for="fd-layer">{t('fashion.layer')}</label>
            <select
              id="fd-layer"
              value={String(layer)}
              onChange={(e) => {
                const v = Number((e.target as HTMLSelectElement).value);
                setLayer(v);
                run(converted, v);
              }}
            >
              {result.timings.map((l, i) =>
                l.shape.length === 3 ? <option value={String(i)}>{l.name}</option> : null,
              )}
            </select>
          </>
        )}
      </div>
      <p role="status" class="fd-status">
        {busy
          ? t('fashion.classifying')
          : top[0]
            ? t('fashion.topOne', {
                label: t(CLASS_KEYS[top[0].index]!),
                percent: percent(top[0].probability),
              })
            : ''}
      </p>
      {result && (
        <>
          <ol class="fd-top" aria-label={t('fashion.topLabel')}>
            {top.map((r) => (
              <li>
                <span class="fd-top-name">
                  {t(CLASS_KEYS[r.index]!)} {percent(r.probability)}%
                </span>
                <span class="fd-bar" aria-hidden="true">
                  <span style={{ width: `${percent(r.probability)}%` }} />
                </span>
              </li>
            ))}
          </ol>
          {grid && maps && (
            <figure class="fd-maps">
              <PixelCanvas
                rgba={grid.rgba}
                width={grid.width}
                height={grid.height}
                class="fd-maps-canvas"
                label={t('fashion.mapsAlt', {
                  count: grid.channels.length,
                  of: maps.shape[2]!,
                  size: `${maps.shape[0]}×${maps.shape[1]}`,
                  layer: result.timings[layer]?.name ?? '',
                  strongest: strongestChannels(maps.shape, maps.values, 3)
                    .map((c) => c.channel)
                    .join(', '),
                })}
              />
              <figcaption>{t('fashion.mapsCaption')}</figcaption>
            </figure>
          )}
          <table class="fd-times">
            <caption>
              {t('fashion.timesCaption', { backend: result.backend, ms: total.toFixed(1) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('fashion.layer')}</th>
                <th scope="col">{t('fashion.shapeCol')}</th>
                <th scope="col">ms</th>
              </tr>
            </thead>
            <tbody>
              {result.timings.map((l) => (
                <tr>
                  <th scope="row">{l.name}</th>
                  <td>{l.shape.join('×')}</td>
                  <td>{l.ms.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {error && (
        <p role="alert" class="fd-error">
          {error}
        </p>
      )}
    </section>
  );
}
