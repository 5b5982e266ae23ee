/** Benchmark figures for detect; prints its own lines. */
export async function bench(): Promise<void> {
  console.log('detect: no benchmark yet');
}
