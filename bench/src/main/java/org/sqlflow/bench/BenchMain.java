package org.sqlflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/bench}: runs the suite and writes the report. */
public final class BenchMain {
  static final List<Benchmark> BENCHMARKS =
      List.of(
          new PointQueryBenchmark(),
          new LargeResultBenchmark(),
          new MixedResultBenchmark(),
          new StreamingLatencyBenchmark(),
          new FeedBenchmark(),
          new JobStartBenchmark(),
          new LoadBenchmark(),
          new PredictWriteBenchmark());
  static final List<String> NAMES = BENCHMARKS.stream().map(Benchmark::name).toList();

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(root(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<Section> sections = run(options);
    System.out.println("wrote " + options.output());
    boolean allRan = sections.stream().allMatch(Section::ran);
    System.exit(allRan ? 0 : 1);
  }

  /** Runs the chosen benchmarks, writes the report, and returns its sections. */
  public static List<Section> run(BenchOptions options) throws Exception {
    long started = System.nanoTime();
    List<Section> sections = new ArrayList<>();
    try (BenchEnvironment env = new BenchEnvironment(options)) {
      env.prepareTables();
      var machine = Machine.describe(env);
      for (Benchmark benchmark : BENCHMARKS) {
        if (!options.runs(benchmark.name())) {
          continue;
        }
        System.out.println("== " + benchmark.title());
        long began = System.nanoTime();
        Section section;
        try {
          section = benchmark.run(env);
        } catch (Exception | Error e) {
          e.printStackTrace();
          section = Section.notRun(benchmark.title(), benchmark.method(), e);
        }
        System.out.printf(
            "   %s in %.1f s%n",
            section.ran() ? "done" : "did not run", (System.nanoTime() - began) / 1e9);
        sections.add(section);
      }
      double minutes = (System.nanoTime() - started) / 60e9;
      MarkdownReport.write(
          options.output(), MarkdownReport.render(options.command(), machine, sections, minutes));
    }
    return sections;
  }

  /** The checkout: {@code -Dsqlflow.bench.root}, else the nearest directory with bench/. */
  static Path root() {
    String configured = System.getProperty("sqlflow.bench.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("bench"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from the repository checkout");
    }
    return dir;
  }
}
