// Saves text as a file through the browser's download, and turns diagram SVG elements into one file.

/** Starts a download of `text` named `name`. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started by now; revoking later frees the blob without racing it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/**
 * One standalone SVG file from SVG elements drawn in one coordinate space (the diagram's sticky head
 * and its body): every style is an attribute already, so only a size, a background and a title are added.
 */
export function standaloneSvg(
  parts: readonly SVGSVGElement[],
  size: { width: number; height: number },
  background: string,
  title: string,
): string {
  const svg = document.createElementNS(SVG_NS, 'svg')
  svg.setAttribute('width', String(size.width))
  svg.setAttribute('height', String(size.height))
  svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`)
  const font = parts[0]?.getAttribute('font-family')
  if (font) svg.setAttribute('font-family', font)
  const heading = document.createElementNS(SVG_NS, 'title')
  heading.textContent = title
  const back = document.createElementNS(SVG_NS, 'rect')
  back.setAttribute('width', '100%')
  back.setAttribute('height', '100%')
  back.setAttribute('fill', background)
  svg.append(heading, back)
  for (const part of parts) for (const child of part.children) svg.append(child.cloneNode(true))
  // XMLSerializer writes the SVG namespace (xmlns) on the root, as a standalone file needs.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`
}
