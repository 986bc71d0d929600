/**
 * The cheapest page this server renders: the root layout and one line, no data of its own.
 * Benchmarks (tests/bench) measure every page as a ratio of this one in the same run.
 */
export default function BarePage() {
  return <p className="p-4">QuitPath</p>;
}
