package amicatalog.bench;

import static amicatalog.bench.SyntheticShapes.*;

import amicatalog.common.Json;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import amicatalog.sync.ImageSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Made-up images shaped like the real ones (see demo/PROVENANCE.md), for benchmarks and load
 * tests: the real name families (Amazon Linux 2 / 2023 and their ECS builds, Windows Server,
 * Ubuntu, Fedora CoreOS, Debian, RHEL), Marketplace listings, a long tail of community, private
 * and shared images from random accounts; about two thirds x86_64, creation dates 2017..2026.
 *
 * <p>Deterministic: the same seed and count give the same images, page for page, whatever the
 * order or threads in which regions are listed. A region's images are generated as they are
 * paged, so any count fits in memory. Image ids are unique across all regions.
 *
 * <p>For {@link Scope#IMPORT} a region lists all its images. For the sync scopes each image has
 * exactly one home scope (own images: self; shared with this account: shared; owner alias amazon:
 * amazon; aws-marketplace: marketplace; other public ones: community), so that a sync over all
 * five also writes each image once and the shared category appears.
 */
public final class SyntheticImageSource implements ImageSource {
  public static final int PAGE_SIZE = 1000;
  public static final String OWN_ACCOUNT = "123456789012";

  /** The 30 regions of moto's data, with rough weights for how many images each holds. */
  private static final String[] REGIONS = {
      "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "sa-east-1",
      "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1",
      "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "af-south-1",
      "ap-south-1", "ap-south-2", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
      "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5"};
  private static final int[] REGION_WEIGHTS = {
      8, 5, 3, 6, 3, 1, 2, 5, 3, 2, 4, 1, 2, 2, 1, 1, 1, 2, 2, 4, 1, 2, 4, 3, 2, 4, 4, 2, 1, 1};

  /** Share of arm64 among families that build both; Windows is x86_64 only, so all in all about 1/3. */
  private static final double ARM64_SHARE = 0.37;
  private static final long START = LocalDate.of(2017, 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  private static final long END = LocalDate.of(2026, 7, 21).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  private static final long YEAR = 365L * 86400;

  private final long seed;
  private final long[] counts = new long[REGIONS.length];
  /** Whether every hundredth image (by index in its region) is made from another seed: the same ids, other contents. */
  private boolean onePercentChanged;

  /** {@code total} images over the 30 regions, split by weight. */
  public SyntheticImageSource(long total, long seed) {
    if (total < 0) throw new IllegalArgumentException("a negative number of images");
    this.seed = seed;
    int weights = Arrays.stream(REGION_WEIGHTS).sum();
    long given = 0;
    for (int r = 0; r < REGIONS.length; r++) {
      counts[r] = total * REGION_WEIGHTS[r] / weights;
      given += counts[r];
    }
    for (int r = 0; given < total; r = (r + 1) % REGIONS.length, given++) counts[r]++;
  }

  /** The same images but one in a hundred changed (name, description, facets...), for timing an update of 1% of the catalog. */
  public SyntheticImageSource withOnePercentChanged() {
    SyntheticImageSource changed = new SyntheticImageSource(0, seed);
    System.arraycopy(counts, 0, changed.counts, 0, counts.length);
    changed.onePercentChanged = true;
    return changed;
  }

  public List<String> regions() {
    return List.of(REGIONS);
  }

  /** How many images a region holds (over all scopes). */
  public long count(String region) {
    return counts[regionIndex(region)];
  }

  @Override
  public boolean listingsAreComplete() {
    return true;  // the generator is the whole truth, as EC2 is
  }

  @Override
  public void list(String region, Scope scope, PageConsumer pages) {
    int r = regionIndex(region);
    Generator g = new Generator(r);
    List<ImageRecord> page = new ArrayList<>(PAGE_SIZE);
    for (long i = 0; i < counts[r]; i++) {
      ImageRecord image = g.next(i);
      if (scope != Scope.IMPORT && homeScope(g.family, image) != scope) continue;
      page.add(image);
      if (page.size() == PAGE_SIZE) {
        pages.accept(page);
        page = new ArrayList<>(PAGE_SIZE);
      }
    }
    if (!page.isEmpty()) pages.accept(page);
  }

  private static Scope homeScope(Family family, ImageRecord image) {
    return switch (family) {
      case PRIVATE -> Scope.SELF;
      case SHARED -> Scope.SHARED;
      case MARKETPLACE -> Scope.MARKETPLACE;
      default -> "amazon".equals(image.ownerAlias()) ? Scope.AMAZON : Scope.COMMUNITY;
    };
  }

  private static int regionIndex(String region) {
    for (int r = 0; r < REGIONS.length; r++) if (REGIONS[r].equals(region)) return r;
    throw new IllegalArgumentException("not a synthetic region: " + region);
  }

  /** One region's images in order; each image depends only on (seed, region, index). */
  private final class Generator {
    private final int region;
    private SplittableRandom rnd;
    Family family;

    Generator(int region) {
      this.region = region;
    }

    ImageRecord next(long index) {
      long variant = onePercentChanged && index % 100 == 50 ? 0xC4A96EL : 0;
      rnd = new SplittableRandom(mix(seed ^ ((long) region << 40 | index) ^ 0x5EEDL ^ variant));
      family = FAMILY_TABLE[rnd.nextInt(1000)];
      boolean arm = family != Family.WINDOWS && rnd.nextDouble() < ARM64_SHARE;
      return build(index, arm);
    }

    private ImageRecord build(long index, boolean arm) {
      long created = switch (family) {
        case ECS_AL2 -> between(2019, 10, 2026, 4);
        case AL2023, ECS_AL2023 -> between(2023, 3, 2026, 7);
        case AL2 -> between(2018, 1, 2026, 7);
        case FEDORA_COREOS -> between(2019, 7, 2026, 7);
        case DEBIAN -> between(2019, 7, 2026, 7);
        default -> between(2017, 1, 2026, 7);
      };
      LocalDateTime t = LocalDateTime.ofEpochSecond(created, 0, ZoneOffset.UTC);
      String ymd = ymd(t);
      String arch = arm ? "arm64" : "x86_64";
      String name, description, ownerId, alias = null, platform = null, bootMode = arm ? "uefi" : null;
      String platformDetails = "Linux/UNIX", usageOperation = "RunInstances", rootDevice = "/dev/xvda";
      String imds = null, productCodes = null, tags = null, tagsText = null, sourceImageId = null, sourceRegion = null;
      boolean isPublic = true;
      int rootGb = 8;
      switch (family) {
        case ECS_AL2 -> {
          String variant = pick(arm ? ECS_AL2_ARM : ECS_AL2_X86);
          name = "amzn2-ami-" + variant + "-hvm-2.0." + ymd + "-" + arch + "-ebs";
          description = "Amazon Linux AMI 2.0." + ymd + " " + arch + " ECS HVM GP2";
          ownerId = "591542846629";
          alias = "amazon";
          rootGb = 30;
        }
        case AL2023 -> {
          String minor = Integer.toString(Math.min(9, (t.getYear() - 2023) * 3 + t.getMonthValue() / 4));
          boolean minimal = rnd.nextInt(3) == 0;
          name = "al2023-ami-" + (minimal ? "minimal-" : "") + "2023." + minor + "." + ymd + ".0-kernel-6.1-" + arch;
          description = "Amazon Linux 2023 AMI 2023." + minor + "." + ymd + ".0 " + arch + " HVM kernel-6.1";
          ownerId = "137112412989";
          alias = "amazon";
          bootMode = arm ? "uefi" : "uefi-preferred";
          imds = "v2.0";
          rootGb = minimal ? 2 : 8;
        }
        case ECS_AL2023 -> {
          String variant = arm ? "ecs" : pick(new String[] {"ecs", "ecs-neuron", "ecs-gpu"});
          name = "al2023-ami-" + variant + "-hvm-2023.0." + ymd + "-kernel-6.1-" + arch;
          description = "Amazon Linux AMI 2023.0." + ymd + " " + arch + " ECS HVM EBS";
          ownerId = "591542846629";
          alias = "amazon";
          bootMode = arm ? "uefi" : "uefi-preferred";
          imds = "v2.0";
          rootGb = 30;
        }
        case AL2 -> {
          String kernel = t.getYear() >= 2021 ? "kernel-5.10-" : "";
          name = "amzn2-ami-" + kernel + "hvm-2.0." + ymd + ".0-" + arch + "-gp2";
          description = "Amazon Linux 2 " + (kernel.isEmpty() ? "" : "Kernel 5.10 ") + "AMI 2.0." + ymd + ".0 " + arch + " HVM gp2";
          ownerId = "137112412989";
          alias = "amazon";
        }
        case WINDOWS -> {
          String[] edition = latest(WINDOWS_EDITIONS, 1, t.getYear(), 3);
          name = "Windows_Server-" + edition[0] + "-" + t.getYear() + "." + two(t.getMonthValue()) + "." + two(t.getDayOfMonth());
          description = "Microsoft Windows Server " + edition[0].substring(0, 4) + " "
              + edition[0].substring(5).replace('-', ' ') + " AMI provided by Amazon";
          ownerId = "801119661308";
          alias = "amazon";
          platform = "windows";
          platformDetails = edition[2];
          usageOperation = edition[3];
          rootDevice = "/dev/sda1";
          rootGb = 30;
        }
        case UBUNTU -> {
          String[] release = latest(UBUNTU_RELEASES, 2, t.getYear(), 2);
          String deb = arm ? "arm64" : "amd64";
          name = "ubuntu/images/" + (release[0].equals("noble") ? "hvm-ssd-gp3" : "hvm-ssd") + "/ubuntu-" + release[0]
              + "-" + release[1] + "-" + deb + "-server-" + ymd;
          description = "Canonical, Ubuntu, " + release[1] + ", " + deb + " " + release[0] + " image";
          ownerId = "099720109477";
          rootDevice = "/dev/sda1";
        }
        case FEDORA_COREOS -> {
          int major = 30 + 2 * (t.getYear() - 2019) + (t.getMonthValue() > 6 ? 1 : 0);
          int stream = 1 + rnd.nextInt(3);
          String release = major + "." + ymd + "." + stream + "." + rnd.nextInt(3);
          name = "fedora-coreos-" + release + "-" + (arm ? "aarch64" : "x86_64");
          description = "Fedora CoreOS " + FCOS_STREAMS[stream] + " " + release;
          ownerId = "125523088429";
          bootMode = arm ? "uefi" : "uefi-preferred";
          rootGb = 10;
        }
        case DEBIAN -> {
          int version = t.getYear() < 2021 || (t.getYear() == 2021 && t.getMonthValue() < 8) ? 10
              : t.getYear() < 2023 || (t.getYear() == 2023 && t.getMonthValue() < 6) ? 11 : 12;
          String build = ymd + "-" + (1000 + rnd.nextInt(9000));
          name = "debian-" + version + "-" + (arm ? "arm64" : "amd64") + "-" + build;
          description = "Debian " + version + " (" + build + ")";
          ownerId = "136693071363";
        }
        case RHEL -> {
          String version = t.getYear() < 2019 ? "7." + (t.getYear() - 2013) : t.getYear() < 2022 ? "8." + (t.getYear() - 2018)
              : "9." + (t.getYear() - 2022);
          name = "RHEL-" + version + ".0_HVM-" + ymd + "-" + arch + "-" + rnd.nextInt(100) + "-Hourly2-GP3";
          description = "Provided by Red Hat, Inc.";
          ownerId = "309956199498";
          platformDetails = "Red Hat Enterprise Linux";
          usageOperation = "RunInstances:0010";
          rootGb = 10;
        }
        case MARKETPLACE -> {
          String[] product = pick(MARKETPLACE_PRODUCTS);
          String version = (1 + rnd.nextInt(9)) + "." + rnd.nextInt(20) + "." + rnd.nextInt(10);
          name = product[0] + "-" + version + "-" + ymd + "-" + uuid();
          description = product[1] + " " + version;
          ownerId = "679593333241";
          alias = "aws-marketplace";
          productCodes = Json.write(List.of(Map.of("ProductCodeId", alnum(25), "ProductCodeType", "marketplace")));
          if (product[0].contains("Windows")) {
            platform = "windows";
            platformDetails = "Windows";
            usageOperation = "RunInstances:0002";
            rootDevice = "/dev/sda1";
            arm = false;
            arch = "x86_64";
            bootMode = null;
          }
          rootGb = 20;
        }
        case COMMUNITY -> {
          name = pick(APPS) + "-" + pick(COMMUNITY_BASES) + "-" + arch + "-" + ymd + "-" + rnd.nextInt(1000);
          description = rnd.nextInt(3) == 0 ? null : "Community image " + name;
          ownerId = longTailOwner(0xC0FFEEL);
        }
        default -> {  // PRIVATE, SHARED: a team's builds
          String team = pick(TEAMS), app = pick(APPS), env = pick(ENVS);
          name = team + "-" + app + "-" + env + "-" + ymd + two(t.getHour()) + two(t.getMinute());
          description = rnd.nextInt(4) == 0 ? null : "Built by " + team + " CI from " + app + " (" + env + ")";
          ownerId = family == Family.PRIVATE ? OWN_ACCOUNT : longTailOwner(0x5A4EDL);
          isPublic = false;
          rootGb = 8 + 8 * rnd.nextInt(8);
          if (family == Family.PRIVATE && rnd.nextInt(10) == 0) {
            sourceImageId = imageId(region ^ 0x77, index);
            sourceRegion = REGIONS[rnd.nextInt(REGIONS.length)];
          }
          if (rnd.nextInt(100) < (family == Family.PRIVATE ? 95 : 30)) {
            Map<String, String> tagMap = new TreeMap<>();
            tagMap.put("Name", name);
            tagMap.put("Team", team);
            tagMap.put("Environment", env);
            tagMap.put("BuildId", Integer.toString(1 + rnd.nextInt(99999)));
            tagMap.put("GitCommit", Long.toHexString(rnd.nextLong() >>> 36));
            if (rnd.nextBoolean()) tagMap.put("CostCenter", "cc-" + (100 + rnd.nextInt(900)));
            tags = Json.write(tagMap);
            StringBuilder sb = new StringBuilder();
            tagMap.forEach((k, v) -> sb.append(k).append(' ').append(v).append(' '));
            tagsText = sb.toString().trim();
          }
        }
      }
      if (tags == null && rnd.nextInt(100) < 2) {  // a few public images carry a tag or two
        tags = Json.write(new TreeMap<>(Map.of("Name", name)));
        tagsText = "Name " + name;
      }
      boolean ownBuild = family == Family.PRIVATE || family == Family.SHARED || family == Family.MARKETPLACE;
      String blockDevices = ownBuild || rnd.nextBoolean() ? blockDevices(index, rootDevice, rootGb) : null;
      // Since 2021 AWS deprecates public images two years after creation by default.
      String deprecation = isPublic && created >= START + 4 * YEAR && rnd.nextInt(10) < 6 ? iso(created + 2 * YEAR)
          : rnd.nextInt(20) == 0 ? iso(created + YEAR) : null;
      String location = (alias != null ? alias : ownerId) + "/" + name;
      return new ImageRecord(
          imageId(region, index), name, description, ownerId, alias,
          arch, platform, platformDetails, usageOperation,
          "hvm", "xen", "ebs", rootDevice,
          "machine", location, null, null,
          "available", null, isPublic, Boolean.TRUE, "simple",
          bootMode, imds, null,
          iso(created), deprecation, null, null,
          sourceImageId, sourceRegion, null, null,
          productCodes, blockDevices, tags, tagsText,
          null, null, null, null, null);
    }

    private String blockDevices(long index, String rootDevice, int rootGb) {
      List<Map<String, Object>> devices = new ArrayList<>(3);
      devices.add(ebs(rootDevice, snapshotId(index, 0), rootGb));
      if (rnd.nextInt(5) == 0) devices.add(ebs("/dev/sdf", snapshotId(index, 1), 50 + 50 * rnd.nextInt(10)));
      if (rnd.nextInt(5) == 0) devices.add(new TreeMap<>(Map.of("DeviceName", "/dev/sdb", "VirtualName", "ephemeral0")));
      return Json.write(devices);
    }

    private Map<String, Object> ebs(String device, String snapshot, int gb) {
      Map<String, Object> ebs = new TreeMap<>();
      ebs.put("DeleteOnTermination", Boolean.TRUE);
      ebs.put("Encrypted", rnd.nextInt(4) == 0);
      ebs.put("SnapshotId", snapshot);
      ebs.put("VolumeSize", gb);
      ebs.put("VolumeType", rnd.nextInt(3) == 0 ? "gp2" : "gp3");
      Map<String, Object> device1 = new TreeMap<>();
      device1.put("DeviceName", device);
      device1.put("Ebs", ebs);
      return device1;
    }

    /** A time between the starts of two months, clamped to 2017-01-01 .. 2026-07-21. */
    private long between(int fromYear, int fromMonth, int toYear, int toMonth) {
      long from = Math.max(START, LocalDate.of(fromYear, fromMonth, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
      long to = Math.min(END, LocalDate.of(toYear, toMonth, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
      return from + rnd.nextLong(to - from);
    }

    /** The newest row whose first year (column {@code yearColumn}) is not after {@code year}, or one of the newest few. */
    private String[] latest(String[][] rows, int yearColumn, int year, int few) {
      int n = 0;
      while (n < rows.length && Integer.parseInt(rows[n][yearColumn]) <= year) n++;
      n = Math.max(1, n);
      return rows[Math.max(0, n - 1 - rnd.nextInt(Math.min(few, n)))];
    }

    private String longTailOwner(long salt) {
      // log-uniform over 50,000 accounts: a few busy ones and a long tail
      long k = (long) Math.exp(rnd.nextDouble() * Math.log(50_000));
      return Long.toString(100_000_000_000L + Math.floorMod(mix(seed ^ salt ^ k), 899_999_999_999L));
    }

    private String snapshotId(long index, int disk) {
      return "snap-0" + hex16(mix(seed ^ 0x5AAB ^ ((long) region << 40 | index) ^ ((long) disk << 60)));
    }

    private String uuid() {
      String h = hex16(rnd.nextLong()) + hex16(rnd.nextLong());
      return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-" + h.substring(20);
    }

    private String alnum(int length) {
      char[] c = new char[length];
      for (int i = 0; i < length; i++) c[i] = "abcdefghijklmnopqrstuvwxyz0123456789".charAt(rnd.nextInt(36));
      return new String(c);
    }

    private <T> T pick(T[] options) {
      return options[rnd.nextInt(options.length)];
    }
  }

  private String imageId(long region, long index) {
    return "ami-0" + hex16(mix(seed ^ (region << 40 | index)));
  }

  /** The splitmix64 finalizer: a bijection of longs, so distinct inputs give distinct ids. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static String hex16(long v) {
    String h = Long.toHexString(v);
    return "0000000000000000".substring(h.length()) + h;
  }

  private static String ymd(LocalDateTime t) {
    return t.getYear() + two(t.getMonthValue()) + two(t.getDayOfMonth());
  }

  private static String iso(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    return t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth()) + "T" + two(t.getHour()) + ":"
        + two(t.getMinute()) + ":" + two(t.getSecond()) + ".000Z";
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
