package amicatalog.sync;

import amicatalog.aws.AwsAccess;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Lists images with DescribeImages, 1,000 a page, following NextToken. A page that EC2 keeps
 * throttling past the SDK's retries is asked again, with growing pauses, for as long as
 * {@link AwsAccess.Patience#throttling()}: a storm of RequestLimitExceeded (other tools of the
 * account busy) is waited out rather than failing a listing hours of pages long.
 */
public final class Ec2ImageSource implements ImageSource {
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
    String token = null;
    do {
      DescribeImagesRequest request = token == null ? first : first.toBuilder().nextToken(token).build();
      DescribeImagesResponse response = waitingOutThrottling(() -> ec2.describeImages(request));
      List<ImageRecord> page = new ArrayList<>(response.images().size());
      for (Image image : response.images()) {
        // ExecutableUsers=self also answers public images and our own: those belong to other scopes.
        if (scope == Scope.SHARED && (Boolean.TRUE.equals(image.publicLaunchPermissions()) || self.equals(image.ownerId()))) {
          continue;
        }
        page.add(ImageRecord.fromJson(SdkJson.of(image)));
      }
      pages.accept(page);
      token = response.nextToken();
    } while (token != null && !token.isEmpty());
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
      case IMPORT -> throw new IllegalArgumentException("EC2 has no import scope");
    };
  }

  @Override
  public boolean listingsAreComplete() {
    return true;
  }
}
