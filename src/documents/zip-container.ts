// Word (.docx), OpenDocument (.odt) and Excel (.xlsx) files are zip containers. A file that starts
// with the zip signature is not yet one of them: it must open as a zip and hold the parts that make
// it a document of its kind. Pure; reads the zip's directory without unpacking the parts.
import { unzipSync } from 'fflate';

export type ContainerKind = 'docx' | 'odt' | 'xlsx';

const REQUIRED_PARTS: Record<ContainerKind, string[]> = {
  docx: ['[Content_Types].xml', 'word/document.xml'],
  xlsx: ['[Content_Types].xml', 'xl/workbook.xml'],
  odt: ['mimetype', 'content.xml'],
};

/** The names of the parts in a zip, or null when the bytes are not a readable zip. */
function zipPartNames(data: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(data, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** True when the bytes are a readable zip holding the parts of a document of this kind. */
export function isContainerOf(kind: ContainerKind, data: Uint8Array): boolean {
  const names = zipPartNames(data);
  return names !== null && REQUIRED_PARTS[kind].every((part) => names.includes(part));
}
