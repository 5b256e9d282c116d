/** The H3 r9 cell of each point (degrees), as high and low 32-bit words. */
export function cellWords(lons: ArrayLike<number>, lats: ArrayLike<number>): { hi: Uint32Array; lo: Uint32Array };
