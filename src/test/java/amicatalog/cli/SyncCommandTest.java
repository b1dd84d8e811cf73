package amicatalog.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.Main;
import amicatalog.db.Database;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ami-catalog sync` end to end against WireMock answering EC2's Query-protocol XML. */
class SyncCommandTest {
  @TempDir Path dir;
  WireMockServer wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  @BeforeEach
  void setUp() {
    wiremock.start();
  }

  @AfterEach
  void tearDown() {
    wiremock.stop();
  }

  @Test
  void syncExitsOneAndNamesTheRegionThatFailed() {
    wiremock.stubFor(describeImages("us-east-1").willReturn(aResponse().withStatus(200).withBody("""
        <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><imagesSet>
          <item><imageId>ami-0east000000000001</imageId><imageOwnerId>137112412989</imageOwnerId>
            <isPublic>true</isPublic><name>al2023</name><architecture>x86_64</architecture>
            <imageState>available</imageState><creationDate>2025-01-15T10:00:00.000Z</creationDate></item>
        </imagesSet></DescribeImagesResponse>""")));
    wiremock.stubFor(describeImages("eu-west-1").willReturn(aResponse().withStatus(500).withBody("""
        <Response><Errors><Error><Code>InternalError</Code><Message>An internal error has occurred</Message></Error></Errors>
        <RequestID>r</RequestID></Response>""")));
    Path file = dir.resolve("c.db");

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = Main.execute("sync", "--db", file.toString(), "--regions", "us-east-1,eu-west-1",
          "--scopes", "amazon", "--endpoint", wiremock.baseUrl());
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isEqualTo(1);
    assertThat(output).contains("failed region(s): eu-west-1").contains("InternalError")
        .doesNotContain("failed region(s): us-east-1,");
    try (Database db = Database.open(file)) {
      List<String> stored = db.read(h -> h.createQuery("SELECT image_id FROM images WHERE region = 'us-east-1'")
          .mapTo(String.class).list());
      assertThat(stored).containsExactly("ami-0east000000000001");
    }
  }

  private static MappingBuilder describeImages(String region) {
    return post(urlEqualTo("/"))
        .withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"))
        .withRequestBody(containing("Action=DescribeImages"));
  }
}
