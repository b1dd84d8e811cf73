package amicatalog.sync;

import amicatalog.aws.AwsAccess;
import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Image;

/** Lists images with DescribeImages, 1,000 a page through the SDK's NextToken paginator. */
public final class Ec2ImageSource implements ImageSource {
  private final AwsAccess aws;
  private final List<String> communityOwners;

  public Ec2ImageSource(AwsAccess aws, List<String> communityOwners) {
    this.aws = aws;
    this.communityOwners = List.copyOf(communityOwners);
  }

  @Override
  public void list(String region, Scope scope, PageConsumer pages) {
    String self = scope == Scope.SHARED ? aws.accountId() : null;
    for (DescribeImagesResponse response : aws.ec2(region).describeImagesPaginator(request(scope))) {
      List<ImageRecord> page = new ArrayList<>(response.images().size());
      for (Image image : response.images()) {
        // ExecutableUsers=self also answers public images and our own: those belong to other scopes.
        if (scope == Scope.SHARED && (Boolean.TRUE.equals(image.publicLaunchPermissions()) || self.equals(image.ownerId()))) {
          continue;
        }
        page.add(ImageRecord.fromJson(SdkJson.of(image)));
      }
      pages.accept(page);
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
