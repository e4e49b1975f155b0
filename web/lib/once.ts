// A value made on first use and kept: a mode's store, loaded together with the mode's code.

/** `make` runs at the first call; every call returns its one promise. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined
  return () => (made ??= make())
}
