package amicatalog.bench;

import amicatalog.common.Json;
import amicatalog.sync.Ec2ImagesXml;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS and EC2 of a made-up Organization on a loopback port, for the bench's organisation sync: any
 * account's role can be assumed (its credentials name the account), each account owns images in
 * each region, and EC2 answers after a fixed delay and throttles each account in each region as
 * EC2 does, by a token bucket (RequestLimitExceeded when it is empty). It answers what a sync of
 * an account's own images asks: DescribeImages (Owner=self), DescribeImageAttribute
 * (launchPermission) and GetImageBlockPublicAccessState; any other listing is empty.
 */
final class OrganizationEc2 implements AutoCloseable {
  /** EC2's bucket for these (non-mutating) calls, per account and region: a burst of 100, then 20 a second. */
  static final int BURST = 100;
  static final int REFILL_PER_SECOND = 20;

  private static final Pattern SCOPE = Pattern.compile("Credential=([^/]+)/\\d{8}/([a-z0-9-]+)/(ec2|sts)/");
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:aws:iam::(\\d{12}):role/.+");
  /** The account the bench's own credentials belong to: the Organization's management account. */
  static final String MANAGEMENT = "999999999999";

  private final HttpServer server;
  private final Duration latency;
  private final ToIntFunction<String> imagesPerRegion;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongAdder calls = new LongAdder();
  private final LongAdder throttled = new LongAdder();

  /**
   * @param latency how long each answer takes (EC2's own time and the network's)
   * @param imagesPerRegion how many images an account owns in each region
   */
  OrganizationEc2(Duration latency, ToIntFunction<String> imagesPerRegion) throws IOException {
    this.latency = latency;
    this.imagesPerRegion = imagesPerRegion;
    server = LocalEc2.loopbackServer("organization-ec2", 32, this::answer);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Calls answered so far, throttled ones too. */
  long calls() {
    return calls.sum();
  }

  /** Calls answered RequestLimitExceeded so far. */
  long throttled() {
    return throttled.sum();
  }

  /** An account's credentials from an assumed role: the key names the account, as nothing else is asked of it. */
  private static String accessKeyOf(String account) {
    return "ASIA" + account;
  }

  private static String accountOf(String accessKey) {
    return accessKey.startsWith("ASIA") && accessKey.length() == 16 ? accessKey.substring(4) : MANAGEMENT;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      calls.increment();
      Map<String, String> form = LocalEc2.form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher scope = SCOPE.matcher(auth == null ? "" : auth);
      if (!scope.find()) {
        LocalEc2.send(exchange, 400, LocalEc2.error("MissingAuthenticationToken", "requests must be signed (SigV4)"));
        return;
      }
      String account = accountOf(scope.group(1));
      String region = scope.group(2);
      pause();
      String action = form.getOrDefault("Action", "");
      if (scope.group(3).equals("sts")) {
        sts(exchange, action, account, form);
        return;
      }
      if (!buckets.computeIfAbsent(account + " " + region, k -> new Bucket()).take()) {
        throttled.increment();
        LocalEc2.send(exchange, 503, LocalEc2.error("RequestLimitExceeded", "Request limit exceeded."));
        return;
      }
      switch (action) {
        case "DescribeImages" -> LocalEc2.send(exchange, 200, describeImages(account, region, form));
        case "DescribeImageAttribute" -> {
          String image = form.getOrDefault("ImageId", "");
          if (!image.matches("ami-[0-9a-f]{8,17}")) {  // as EC2 refuses it; and never echoed into the XML unchecked
            LocalEc2.send(exchange, 400, LocalEc2.error("InvalidAMIID.Malformed", "Invalid id: the image id is not ami- and hex"));
            return;
          }
          LocalEc2.send(exchange, 200, ("<DescribeImageAttributeResponse xmlns=\"" + EC2_NS + "\"><requestId>r</requestId><imageId>"
              + image + "</imageId><launchPermission/></DescribeImageAttributeResponse>").getBytes(StandardCharsets.UTF_8));
        }
        case "GetImageBlockPublicAccessState" -> LocalEc2.send(exchange, 200, ("<GetImageBlockPublicAccessStateResponse xmlns=\"" + EC2_NS
            + "\"><requestId>r</requestId><imageBlockPublicAccessState>block-new-sharing</imageBlockPublicAccessState>"
            + "</GetImageBlockPublicAccessStateResponse>").getBytes(StandardCharsets.UTF_8));
        default -> LocalEc2.send(exchange, 400, LocalEc2.error("InvalidAction", "this endpoint does not answer " + action));
      }
    }
  }

  private static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

  private void sts(HttpExchange exchange, String action, String caller, Map<String, String> form) throws IOException {
    if (action.equals("GetCallerIdentity")) {
      String arn = caller.equals(MANAGEMENT) ? "arn:aws:iam::" + caller + ":user/bench"
          : "arn:aws:sts::" + caller + ":assumed-role/ami-catalog-reader/ami-catalog";
      LocalEc2.send(exchange, 200, ("<GetCallerIdentityResponse xmlns=\"" + STS_NS + "\"><GetCallerIdentityResult><Arn>" + arn
          + "</Arn><UserId>BENCH</UserId><Account>" + caller + "</Account></GetCallerIdentityResult>"
          + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>").getBytes(StandardCharsets.UTF_8));
      return;
    }
    Matcher role = ROLE_ACCOUNT.matcher(form.getOrDefault("RoleArn", ""));
    if (!action.equals("AssumeRole") || !role.matches()) {
      LocalEc2.send(exchange, 400, LocalEc2.error("InvalidAction", "this endpoint's STS answers AssumeRole of arn:aws:iam::<account>:role/… and"
          + " GetCallerIdentity"));
      return;
    }
    String account = role.group(1);
    LocalEc2.send(exchange, 200, ("<AssumeRoleResponse xmlns=\"" + STS_NS + "\"><AssumeRoleResult><Credentials><AccessKeyId>"
        + accessKeyOf(account) + "</AccessKeyId><SecretAccessKey>bench</SecretAccessKey><SessionToken>bench-" + account
        + "</SessionToken><Expiration>" + Instant.now().plus(Duration.ofHours(1)) + "</Expiration></Credentials>"
        + "<AssumedRoleUser><Arn>arn:aws:sts::" + account + ":assumed-role/ami-catalog-reader/ami-catalog</Arn>"
        + "<AssumedRoleId>AROABENCH:ami-catalog</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
        + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>").getBytes(StandardCharsets.UTF_8));
  }

  /** The account's own images in the region (asked with Owner=self), 1,000 a page; any other listing is empty. */
  private byte[] describeImages(String account, String region, Map<String, String> form) {
    boolean own = "self".equals(form.get("Owner.1"));
    int count = own ? imagesPerRegion.applyAsInt(account) : 0;
    int from = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken")) : 0;
    int to = Math.min(count, from + 1000);
    List<ObjectNode> images = new ArrayList<>();
    for (int i = from; i < to; i++) images.add(image(account, region, i));
    return Ec2ImagesXml.write(images, to < count ? String.valueOf(to) : null).getBytes(StandardCharsets.UTF_8);
  }

  /** The account's i-th image in the region, as DescribeImages describes one. */
  static ObjectNode image(String account, String region, int i) {
    String id = "ami-" + hex(account + region + i, 17);
    String name = "svc-" + (i % 12) + "-" + account.substring(6) + "-" + region + "-" + i;
    ObjectNode image = Json.MAPPER.createObjectNode()
        .put("ImageId", id).put("Name", name).put("OwnerId", account).put("Description", "A team's service image " + i)
        .put("CreationDate", Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(i)).toString().replace("Z", ".000Z"))
        .put("Architecture", "x86_64").put("ImageType", "machine").put("Public", false).put("State", "available")
        .put("RootDeviceType", "ebs").put("RootDeviceName", "/dev/xvda").put("VirtualizationType", "hvm").put("Hypervisor", "xen")
        .put("EnaSupport", true).put("PlatformDetails", "Linux/UNIX").put("UsageOperation", "RunInstances")
        .put("ImageLocation", account + "/" + name);
    ObjectNode ebs = image.putArray("BlockDeviceMappings").addObject().put("DeviceName", "/dev/xvda").putObject("Ebs");
    ebs.put("SnapshotId", "snap-" + hex(id, 17)).put("VolumeSize", 8).put("VolumeType", "gp3").put("DeleteOnTermination", true)
        .put("Encrypted", false);
    return image;
  }

  private static String hex(String seed, int length) {
    StringBuilder s = new StringBuilder();
    long h = seed.hashCode();
    for (int round = 0; s.length() < length; round++) {
      h = h * 6364136223846793005L + 1442695040888963407L + round;
      s.append(Long.toHexString(h >>> 4));
    }
    return s.substring(0, length);
  }

  private void pause() {
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** EC2's token bucket: {@link #BURST} calls at once, refilled at {@link #REFILL_PER_SECOND}. */
  private static final class Bucket {
    private double tokens = BURST;
    private long at = System.nanoTime();

    synchronized boolean take() {
      long now = System.nanoTime();
      tokens = Math.min(BURST, tokens + (now - at) / 1e9 * REFILL_PER_SECOND);
      at = now;
      if (tokens < 1) return false;
      tokens--;
      return true;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
