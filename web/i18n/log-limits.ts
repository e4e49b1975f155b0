// Strings of the log's limits in both languages: dropped entries, pages of a large chunk, files too big to import.

// A byte size for people, in the language's number format: `48,0 MiB`, `512 KiB`, `98 B`.
/** A byte size in words, with `locale`'s digit grouping. */
export function sizeIn(locale: string) {
  return (bytes: number) => {
    const one = (x: number) => x.toLocaleString(locale, { maximumFractionDigits: 1 })
    if (bytes < 1024) return `${bytes} B`
    if (bytes < 1024 * 1024) return `${one(bytes / 1024)} KiB`
    return `${one(bytes / 1024 / 1024)} MiB`
  }
}
const ptSize = sizeIn('pt-BR')
const ptCount = (n: number) => n.toLocaleString('pt-BR')

/** Portuguese (spread into pt.ts's dictionary). */
export const logLimitsPt = {
  byteSize: ptSize,
  logDropped: (n: number, bytes: number) =>
    `${ptCount(n)} entradas mais antigas descartadas (${ptSize(bytes)}) para poupar memória.`,
  pagerLabel: (n: number) => `Páginas do pedaço #${n}`,
  pageRange: (from: number, to: number, total: number) =>
    `bytes ${ptCount(from)}–${ptCount(to)} de ${ptCount(total)}`,
  pageLabel: 'Página',
  pageOf: (n: number) => `de ${ptCount(n)}`,
  pagePrev: 'Página anterior',
  pageNext: 'Próxima página',
  pageFold: 'Recolher',
  importTooLarge: (size: number, max: number) =>
    `o arquivo tem ${ptSize(size)}; esta página importa registros de até ${ptSize(max)}.`,
  importVersionText: (version: string) =>
    `a versão do formato está escrita como texto ("${version}"); esta página lê a versão 1, escrita como o número 1.`,
  importVersionMissing: 'o arquivo não diz a versão do formato; esta página lê a versão 1.',
}
