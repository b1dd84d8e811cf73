package amicatalog.bench;

import amicatalog.aws.AwsAccess;
import amicatalog.db.Database;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import amicatalog.sync.Ec2ImageSource;
import amicatalog.sync.Ec2ImagesXml;
import amicatalog.sync.Indexer;
import amicatalog.sync.RunResult;
import amicatalog.sync.SyncListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sync through the production path (the AWS SDK, {@link Ec2ImageSource}, the Indexer) from an
 * EC2 endpoint on a loopback port that serves generated DescribeImages pages (1,000 images each,
 * realistic XML) from memory, beside the dump a user would script with the AWS CLI
 * ({@code aws ec2 describe-images}) against the same endpoint, in the same run, regions in parallel
 * for both.
 */
final class SyncFromEndpoint {
  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

  private final long images;
  private final long seed;

  SyncFromEndpoint(long images, long seed) {
    this.images = images;
    this.seed = seed;
  }

  BenchCommand.Section run() throws IOException {
    long perRegion = images / REGIONS.size();
    Map<String, List<byte[]>> pages = pages(perRegion);
    long served = perRegion * REGIONS.size();
    long pageBytes = pages.values().stream().flatMap(List::stream).mapToLong(p -> p.length).sum();
    // The SDK signs requests to the loopback endpoint; any key does (nothing leaves the machine).
    if (System.getProperty("aws.accessKeyId") == null) System.setProperty("aws.accessKeyId", "bench");
    if (System.getProperty("aws.secretAccessKey") == null) System.setProperty("aws.secretAccessKey", "bench");
    List<BenchCommand.Metric> m = new ArrayList<>();
    m.add(new BenchCommand.Metric("images", "images served (3 regions)", served, ""));
    m.add(new BenchCommand.Metric("xml_mib", "DescribeImages XML", BenchCommand.mib(pageBytes), "MiB"));
    try (LocalEc2 ec2 = new LocalEc2(pages)) {
      AwsAccess aws = new AwsAccess(ec2.endpoint());
      Ec2ImageSource source = new Ec2ImageSource(aws, List.of());
      listOnce(source);  // the JIT's first pass, as in a server that has synced before
      long start = System.nanoTime();
      long listed = listOnce(source);
      double listing = seconds(start);
      if (listed != served) throw new IllegalStateException("the listing got " + listed + " images of " + served);
      m.add(new BenchCommand.Metric("listing_seconds", "listing through the SDK (no catalog writes)", BenchCommand.round(listing), "s"));
      m.add(new BenchCommand.Metric("listing_images_per_second", "  rate", Math.round(served / listing), "images/s"));

      // Twice, each into a new catalog: the first sync a process makes runs its write path before
      // the JIT has compiled it (a `sync` command, a server's first); a server syncing on a schedule
      // runs the later ones.
      double first = syncIntoNewCatalog(aws, source, served);
      double later = syncIntoNewCatalog(aws, source, served);
      m.add(new BenchCommand.Metric("first_sync_seconds", "cold sync into a new catalog, the process's first", BenchCommand.round(first), "s"));
      m.add(new BenchCommand.Metric("first_sync_images_per_second", "  rate", Math.round(served / first), "images/s"));
      m.add(new BenchCommand.Metric("sync_seconds", "the same into another new catalog, a later sync", BenchCommand.round(later), "s"));
      m.add(new BenchCommand.Metric("sync_images_per_second", "  rate", Math.round(served / later), "images/s"));
      // One DescribeImages a page of 1,000 and nothing more: a retry would show here.
      m.add(new BenchCommand.Metric("sync_aws_calls", "  AWS calls of each (HTTP attempts, retries counted)", lastCalls, ""));
      double cli = awsCli(ec2);
      if (cli > 0) {
        m.add(new BenchCommand.Metric("aws_cli_seconds", "aws ec2 describe-images, the same listing", BenchCommand.round(cli), "s"));
        m.add(new BenchCommand.Metric("first_sync_vs_aws_cli", "  the first sync is faster by", BenchCommand.round(cli / first), "x"));
        m.add(new BenchCommand.Metric("sync_vs_aws_cli", "  a later sync is faster by", BenchCommand.round(cli / later), "x"));
      } else {
        m.add(new BenchCommand.Metric("aws_cli_seconds", "aws ec2 describe-images (not on the PATH: not timed)", -1L, ""));
      }
    }
    return new BenchCommand.Section("sync_endpoint",
        "Sync through the AWS SDK from a local EC2 endpoint, beside the AWS CLI's dump of the same pages", m);
  }

  private long lastCalls;

  /** Seconds to sync every region from the endpoint into a new catalog file, deleted afterwards. */
  private double syncIntoNewCatalog(AwsAccess aws, Ec2ImageSource source, long served) throws IOException {
    Path file = Files.createTempFile("ami-catalog-bench-sync-", ".db");
    Files.delete(file);
    try (Database db = Database.open(file)) {
      long start = System.nanoTime();
      long callsBefore = aws.calls();
      RunResult run = new Indexer(db).run("bench", REGIONS, EnumSet.of(Scope.AMAZON), source, new SyncListener() {});
      double seconds = seconds(start);
      lastCalls = aws.calls() - callsBefore;
      if (!"ok".equals(run.status())) throw new IllegalStateException("the sync from the local endpoint ended " + run.status());
      long stored = db.read(h -> h.createQuery("SELECT count(*) FROM images").mapTo(Long.class).one());
      if (stored != served) throw new IllegalStateException("the sync stored " + stored + " images of " + served);
      return seconds;
    } finally {
      for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(file + suffix));
    }
  }

  /** Each region's pages: the generator's first {@code perRegion} images of the region, 1,000 a page. */
  private Map<String, List<byte[]>> pages(long perRegion) {
    SyntheticImageSource generator = new SyntheticImageSource(perRegion * 30, seed);
    Map<String, List<byte[]>> pages = new LinkedHashMap<>();
    for (String region : REGIONS) {
      List<ImageRecord> images = new ArrayList<>();
      generator.list(region, Scope.IMPORT, page -> {
        for (ImageRecord image : page) if (images.size() < perRegion) images.add(image);
      });
      if (images.size() < perRegion) throw new IllegalStateException("the generator made too few images for " + region);
      List<byte[]> regionPages = new ArrayList<>();
      for (int from = 0; from < images.size(); from += SyntheticImageSource.PAGE_SIZE) {
        int to = Math.min(images.size(), from + SyntheticImageSource.PAGE_SIZE);
        String next = to < images.size() ? String.valueOf(regionPages.size() + 1) : null;
        regionPages.add(Ec2ImagesXml.write(images.subList(from, to).stream().map(ImageRecord::ec2Json).toList(), next)
            .getBytes(StandardCharsets.UTF_8));
      }
      pages.put(region, regionPages);
    }
    return pages;
  }

  /** Every region listed at once, as a sync lists them; how many images came. */
  private static long listOnce(Ec2ImageSource source) {
    AtomicLong seen = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (String region : REGIONS) {
      Thread t = new Thread(() -> {
        try {
          source.list(region, Scope.AMAZON, page -> seen.addAndGet(page.size()));
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    if (!failures.isEmpty()) throw new IllegalStateException("listing from the local endpoint failed", failures.get(0));
    return seen.get();
  }

  /** Seconds for `aws ec2 describe-images` to dump every region (in parallel), or -1 when there is no aws on the PATH. */
  private static double awsCli(LocalEc2 ec2) throws IOException {
    if (!onPath("aws")) return -1;
    long start = System.nanoTime();
    List<Process> processes = new ArrayList<>();
    for (String region : REGIONS) {
      ProcessBuilder b = new ProcessBuilder("aws", "ec2", "describe-images", "--region", region, "--owners", "amazon",
          "--endpoint-url", ec2.endpoint().toString(), "--output", "json")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
      b.environment().put("AWS_ACCESS_KEY_ID", "bench");
      b.environment().put("AWS_SECRET_ACCESS_KEY", "bench");
      b.environment().put("AWS_PAGER", "");
      processes.add(b.start());
    }
    for (Process p : processes) {
      try {
        if (p.waitFor() != 0) throw new IllegalStateException("aws ec2 describe-images failed (exit " + p.exitValue() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return seconds(start);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) return true;
    }
    return false;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
