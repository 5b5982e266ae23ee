/** Benchmark figures for export; prints its own lines. */
export async function bench(): Promise<void> {
  console.log('export: no benchmark yet');
}
