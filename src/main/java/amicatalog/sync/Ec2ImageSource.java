package amicatalog.sync;

import amicatalog.aws.AwsAccess;
import amicatalog.aws.RawImagePages;
import amicatalog.image.LaunchGrantee;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ImageAttributeName;
import software.amazon.awssdk.services.ec2.model.LaunchPermission;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Lists images with DescribeImages, 1,000 a page, following NextToken. The SDK signs, retries and
 * reads errors; each page's XML is read by {@link Ec2ImagesXml} while the next pages are
 * fetched (the SDK's own reading was most of a sync's CPU; see {@link RawImagePages}). A page that EC2 keeps
 * throttling past the SDK's retries is asked again, with growing pauses, for as long as
 * {@link AwsAccess.Patience#throttling()}: a storm of RequestLimitExceeded (other tools of the
 * account busy) is waited out rather than failing a listing hours of pages long.
 */
public final class Ec2ImageSource implements ImageSource, InstanceSource, PermissionSource {
  private static final long MAX_PAUSE_MILLIS = 10_000;
  private final AwsAccess aws;
  private final List<String> communityOwners;

  public Ec2ImageSource(AwsAccess aws, List<String> communityOwners) {
    this.aws = aws;
    this.communityOwners = List.copyOf(communityOwners);
  }

  @Override
  public void list(String region, Scope scope, PageConsumer pages) {
    String self = scope == Scope.SHARED ? aws.accountId() : null;
    Ec2Client ec2 = aws.ec2(region);
    DescribeImagesRequest first = request(scope);
    // The next pages are fetched on another thread while this one reads and hands on the last;
    // each page is handed on as soon as it is read, so a later page that fails loses none before it.
    BlockingQueue<Object> fetched = new ArrayBlockingQueue<>(PAGES_AHEAD);
    Map<String, String> logContext = org.slf4j.MDC.getCopyOfContextMap();  // the fetcher's AWS calls log as this listing's
    Future<?> fetcher = FETCHERS.submit(() -> {
      if (logContext != null) org.slf4j.MDC.setContextMap(logContext);
      try {
        fetchAll(ec2, first, fetched);
      } finally {
        org.slf4j.MDC.clear();  // a pooled thread: the next listing's fetcher starts clean
      }
    });
    try {
      while (true) {
        Object next = fetched.take();
        if (next == END) return;
        if (next instanceof RuntimeException e) throw e;
        if (next instanceof Error e) throw e;
        if (next instanceof Throwable t) throw new IllegalStateException(t);
        pages.accept(records(((Fetched) next).images(), scope, self));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing images", e);
    } finally {
      fetcher.cancel(true);
    }
  }

  /**
   * Every page of the listing into {@code fetched}, then {@link #END}; a failure instead of the
   * page that failed. Stops quietly when interrupted: the listing has stopped taking pages.
   */
  private void fetchAll(Ec2Client ec2, DescribeImagesRequest first, BlockingQueue<Object> fetched) {
    try {
      String token = null;
      do {
        RawImagePages.Page raw = new RawImagePages.Page();
        String asked = token;
        DescribeImagesRequest request = first.toBuilder().nextToken(asked)
            .overrideConfiguration(o -> o.putExecutionAttribute(RawImagePages.PAGE, raw)).build();
        DescribeImagesResponse response = waitingOutThrottling(() -> ec2.describeImages(request));
        token = response.nextToken();
        fetched.put(raw.xml() != null ? new Fetched(raw.xml(), token, null) : new Fetched(null, token, response));
      } while (token != null && !token.isEmpty());
      fetched.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable failure) {
      try {
        fetched.put(failure);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A fetched page: its XML for us to read, or (a client without RawImagePages) the SDK's reading of it. */
  private record Fetched(byte[] xml, String nextToken, DescribeImagesResponse response) {
    List<ObjectNode> images() {
      if (xml == null) return response.images().stream().map(SdkJson::of).toList();
      Ec2ImagesXml.Page page = Ec2ImagesXml.read(xml);
      if (!java.util.Objects.equals(page.nextToken(), nextToken)) {
        throw new IllegalStateException("a DescribeImages page's NextToken was found as " + nextToken + " but reads as " + page.nextToken());
      }
      return page.images();
    }
  }

  private static final Object END = new Object();
  /** Pages fetched ahead of the one being read, per listing. */
  private static final int PAGES_AHEAD = 2;
  /** Fetch threads, one per running listing (daemons: a listing's fetcher never keeps the process up). */
  private static final ExecutorService FETCHERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "describe-images-fetcher");
    t.setDaemon(true);
    return t;
  });

  private static List<ImageRecord> records(List<ObjectNode> images, Scope scope, String self) {
    List<ImageRecord> page = new ArrayList<>(images.size());
    for (ObjectNode image : images) {
      // ExecutableUsers=self also answers public images and our own: those belong to other scopes.
      if (scope == Scope.SHARED && (image.path("Public").asBoolean(false) || self.equals(image.path("OwnerId").asText(null)))) {
        continue;
      }
      page.add(ImageRecord.fromJson(image));
    }
    return page;
  }

  private <T> T waitingOutThrottling(Supplier<T> call) {
    long giveUpAt = System.nanoTime() + aws.patience().throttling().toNanos();
    long pauseMillis = 1000;
    while (true) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        long left = (giveUpAt - System.nanoTime()) / 1_000_000;
        if (!e.isThrottlingException() || left <= 0) throw e;
        sleep(Math.min(pauseMillis, left));
        pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while EC2 throttled the listing", e);
    }
  }

  private DescribeImagesRequest request(Scope scope) {
    var b = DescribeImagesRequest.builder().maxResults(1000).includeDeprecated(true);
    return switch (scope) {
      case SELF -> b.owners("self").build();
      case SHARED -> b.executableUsers("self").build();
      case AMAZON -> b.owners("amazon").build();
      case MARKETPLACE -> b.owners("aws-marketplace").build();
      case COMMUNITY -> communityOwners.isEmpty()
          ? b.executableUsers("all").build()
          : b.executableUsers("all").owners(communityOwners).build();
      case IMPORT, INSTANCES -> throw new IllegalArgumentException("the " + scope.label() + " scope lists no images from EC2");
    };
  }

  /** DescribeInstances, every page, without terminated instances; only the fields the drift page shows. */
  @Override
  public List<InstanceSource.ListedInstance> instances(String region) {
    List<InstanceSource.ListedInstance> found = new ArrayList<>();
    var request = DescribeInstancesRequest.builder().maxResults(1000).filters(Filter.builder().name("instance-state-name")
        .values("pending", "running", "stopping", "stopped", "shutting-down").build()).build();
    String token = null;
    do {
      DescribeInstancesRequest page = request.toBuilder().nextToken(token).build();
      DescribeInstancesResponse response = waitingOutThrottling(() -> aws.ec2(region).describeInstances(page));
      for (Reservation r : response.reservations()) {
        for (Instance i : r.instances()) {
          String name = i.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
          found.add(new InstanceSource.ListedInstance(i.instanceId(), r.ownerId(), i.imageId(),
              i.state() == null ? "unknown" : i.state().nameAsString(), i.launchTime() == null ? null : amicatalog.common.Dates.utc(i.launchTime().toString()), name));
        }
      }
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
    return found;
  }

  @Override
  public List<String> launchPermissions(String region, String imageId) {
    var answer = waitingOutThrottling(() -> aws.ec2(region).describeImageAttribute(b -> b.imageId(imageId)
        .attribute(ImageAttributeName.LAUNCH_PERMISSION)));
    List<String> grantees = new ArrayList<>();
    for (LaunchPermission p : answer.launchPermissions()) {
      if (p.group() == PermissionGroup.ALL) grantees.add(LaunchGrantee.PUBLIC);
      if (p.userId() != null) grantees.add(p.userId());
      if (p.organizationArn() != null) grantees.add(p.organizationArn());
      if (p.organizationalUnitArn() != null) grantees.add(p.organizationalUnitArn());
    }
    return grantees;
  }

  @Override
  public String blockPublicAccess(String region) {
    return waitingOutThrottling(() -> aws.ec2(region).getImageBlockPublicAccessState(b -> {})).imageBlockPublicAccessState();
  }

  @Override
  public boolean listingsAreComplete() {
    return true;
  }
}
