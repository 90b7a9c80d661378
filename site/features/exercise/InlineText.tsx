/** Text with `backtick` spans shown as inline code (notices, hints). */
import { inlineCodePieces } from './exercise-text.ts';

export default function InlineText({ text }: { text: string }) {
  return (
    <>
      {inlineCodePieces(text).map((piece, i) =>
        piece.code ? <code key={i}>{piece.text}</code> : piece.text,
      )}
    </>
  );
}
