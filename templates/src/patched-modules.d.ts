// The parts of pdfkit and fontkit the templates use directly (neither ships types). Both are the
// instances react-pdf renders with, patched by patches/pdfkit@0.20.1.patch and patches/fontkit@2.0.4.patch.
declare module 'pdfkit' {
  const PDFDocument: {
    /** Our patch: every embedded font subset of the documents created afterwards starts with these glyphs. */
    setSubsetPreseed(text: string): void;
  };
  export default PDFDocument;
}

declare module 'fontkit' {
  export function create(buffer: Uint8Array): unknown;
}
