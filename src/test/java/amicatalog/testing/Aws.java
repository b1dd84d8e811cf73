package amicatalog.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;

/** Plain SDK clients for setting up and checking the emulator, independent of the app's own. */
public final class Aws {
  private Aws() {}

  public static Ec2Client ec2(URI endpoint, String region) {
    return ec2(endpoint, region, AwsBasicCredentials.create("testing", "testing"));
  }

  public static Ec2Client ec2(URI endpoint, String region, software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
    return Ec2Client.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** Credentials that act in another account: STS AssumeRole of a role in it (moto then acts as that account). */
  public static software.amazon.awssdk.auth.credentials.AwsSessionCredentials assumed(URI endpoint, String roleArn) {
    try (var sts = software.amazon.awssdk.services.sts.StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      var c = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("test")).credentials();
      return software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
  }

  /** The snapshots behind an image's block devices, as EC2 describes it. */
  public static java.util.List<String> snapshotsOf(Ec2Client ec2, String imageId) {
    Image image = ec2.describeImages(b -> b.imageIds(imageId)).images().get(0);
    return image.blockDeviceMappings().stream().filter(m -> m.ebs() != null && m.ebs().snapshotId() != null)
        .map(m -> m.ebs().snapshotId()).toList();
  }

  /** An image of our own made the way people make them: launch an instance, CreateImage from it. */
  public static String createOwnImage(Ec2Client ec2, String name) {
    String base = ec2.describeImages(b -> b.owners("amazon").filters(f -> f.name("architecture").values("x86_64")))
        .images().stream().filter(i -> "ebs".equals(i.rootDeviceTypeAsString())).map(Image::imageId).findFirst().orElseThrow();
    String instance = ec2.runInstances(b -> b.imageId(base).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();
    return ec2.createImage(b -> b.instanceId(instance).name(name).description("made by a test")).imageId();
  }
}
