/** The last item of `made` (what a fake saw most recently); throws `nothing` while there is none. */
export function newest<T>(made: readonly T[], nothing: string): T {
  const item = made.at(-1);
  if (item === undefined) throw new Error(nothing);
  return item;
}
