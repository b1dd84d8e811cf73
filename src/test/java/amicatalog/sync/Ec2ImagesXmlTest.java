package amicatalog.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import amicatalog.bench.LocalEc2;
import amicatalog.common.Json;
import amicatalog.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;

/**
 * Our streaming reading of DescribeImages pages against the SDK's own, field for field and in
 * the same order, on the same bytes: every image of the bundled demo data (real public AMIs),
 * hand-made hard cases, and moto's answers (a real EC2 emulator's XML).
 */
class Ec2ImagesXmlTest {
  /** Keeps each answer's bytes and gives the SDK the same bytes to read. */
  static final class Recorder implements ExecutionInterceptor {
    final List<byte[]> pages = new ArrayList<>();

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (context.responseBody().isEmpty() || !context.httpResponse().isSuccessful()) return context.responseBody();
      try (InputStream in = context.responseBody().get()) {
        byte[] bytes = in.readAllBytes();
        pages.add(bytes);
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void everyDemoImageReadsAsTheSdkReadsIt() throws Exception {
    Map<String, List<byte[]>> pages = new HashMap<>();
    int images = 0;
    for (JsonNode region : Json.read(resource("/demo/manifest.json")).path("regions")) {
      List<JsonNode> all = new ArrayList<>();
      try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/demo/" + region.asText() + ".json.gz"))) {
        Json.MAPPER.readTree(in).path("Images").forEach(all::add);
      }
      images += all.size();
      pages.put(region.asText(), pagesOf(all, 1000));
    }
    pages.put("xx-test-1", pagesOf(hardCases(), 2));  // a region of its own: the demo has every real one
    assertThat(images).isGreaterThan(50_000);
    try (LocalEc2 ec2 = new LocalEc2(pages)) {
      int compared = 0;
      for (String region : pages.keySet()) compared += compareAllPages(ec2.endpoint(), region);
      assertThat(compared).isEqualTo(images + hardCases().size());
    }
  }

  @Test
  void motosAnswersReadAsTheSdkReadsThem() {
    URI moto = MotoServer.get().endpoint();
    assertThat(compareAllPages(moto, "eu-west-1") + compareAllPages(moto, "ap-southeast-2")).isGreaterThan(2000);
  }

  @Test
  void aPageThatIsNotXmlFailsWithWhatWentWrong() {
    assertThatThrownBy(() -> Ec2ImagesXml.read("<DescribeImagesResponse><imagesSet><item><imageId>ami-1".getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("EC2 answered DescribeImages with XML that does not parse");
    // No DTD, so no entity can reach a file or the network (XXE).
    byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<DescribeImagesResponse><imagesSet><item><imageId>ami-1</imageId><description>&x;</description></item></imagesSet></DescribeImagesResponse>")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Ec2ImagesXml.read(xxe)).isInstanceOf(IllegalStateException.class);
  }

  /** Lists every page of the region through the SDK, then reads each page's bytes ourselves: the same JSON, key for key. */
  private static int compareAllPages(URI endpoint, String region) {
    Recorder recorder = new Recorder();
    try (Ec2Client sdk = Ec2Client.builder().endpointOverride(endpoint).region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build()) {
      int compared = 0;
      String token = null;
      do {
        String asked = token;
        DescribeImagesResponse response = sdk.describeImages(b -> b.nextToken(asked).includeDeprecated(true));
        Ec2ImagesXml.Page ours = Ec2ImagesXml.read(recorder.pages.get(recorder.pages.size() - 1));
        List<String> theirs = response.images().stream().map(i -> SdkJson.of(i).toString()).toList();
        assertThat(ours.images().stream().map(JsonNode::toString).toList()).as(region + " page after " + asked).isEqualTo(theirs);
        assertThat(ours.nextToken()).isEqualTo(response.nextToken());
        compared += theirs.size();
        token = response.nextToken();
      } while (token != null);
      return compared;
    }
  }

  private static List<byte[]> pagesOf(List<JsonNode> images, int size) {
    List<byte[]> pages = new ArrayList<>();
    for (int from = 0; from < images.size(); from += size) {
      int to = Math.min(images.size(), from + size);
      String next = to < images.size() ? String.valueOf(pages.size() + 1) : null;
      pages.add(Ec2ImagesXml.write(images.subList(from, to), next).getBytes(StandardCharsets.UTF_8));
    }
    return pages;
  }

  /** Markup in text, non-Latin scripts, empty and blank strings, every kind of nested field, a field the SDK does not know. */
  private static List<JsonNode> hardCases() {
    return List.of(
        Json.read("""
            {"ImageId": "ami-00000000000000001", "Name": "a <b> & \\"c\\" ]]> ünï 😀 ドラ", "Description": "  spaced  \\n  lines  ",
             "OwnerId": "123456789012", "Public": false, "EnaSupport": true, "State": "available",
             "CreationDate": "2024-05-01T10:20:30.000Z", "DeprecationTime": "2026-05-01T10:20:30Z",
             "StateReason": {"Code": "x&y", "Message": "<m>"},
             "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-0123", "VolumeSize": 8,
               "DeleteOnTermination": true, "Encrypted": false, "VolumeType": "gp3", "Iops": 3000, "Throughput": 125}},
               {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}, {"DeviceName": "/dev/sdc", "NoDevice": ""}],
             "Tags": [{"Key": "k&<>", "Value": ""}, {"Key": "Name", "Value": "ドラ"}],
             "ProductCodes": [{"ProductCodeId": "abc", "ProductCodeType": "marketplace"}],
             "ImageWatermarks": [{"WatermarkKey": "w", "SourceImageCreationTime": "2024-01-02T03:04:05.678Z"}],
             "InstanceTypeSpecification": {"SupportedInstanceTypes": [{"InstanceType": "t3.micro"}]},
             "NotAnEc2Field": "ignored"}"""),
        Json.read("""
            {"ImageId": "ami-00000000000000002", "Name": "", "Public": true, "EnaSupport": false}"""),
        Json.read("""
            {"ImageId": "ami-00000000000000003"}"""));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Ec2ImagesXmlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
