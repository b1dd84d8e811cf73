package amicatalog.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * WireMock answering DescribeImages with EC2's Query-protocol XML, one answer per region (told
 * apart by the SigV4 credential scope), for the real SDK to read.
 */
public final class Ec2Xml implements AutoCloseable {
  private final WireMockServer wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  public Ec2Xml() {
    wiremock.start();
  }

  public URI endpoint() {
    return URI.create(wiremock.baseUrl());
  }

  /** Every DescribeImages of the region answers this body, as one page. */
  public void describeImages(String region, String xml) {
    wiremock.stubFor(post(urlEqualTo("/"))
        .withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"))
        .withRequestBody(containing("Action=DescribeImages"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(xml)));
  }

  /** A test resource as text, e.g. "/fixtures/describe-images-edge.xml". */
  public static String resource(String name) {
    try (InputStream in = Ec2Xml.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("no test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The answer without one image's item, as EC2 answers once the image is deregistered. */
  public static String without(String xml, String imageId) {
    String answer = Pattern.compile("<item>\\s*<imageId>" + Pattern.quote(imageId) + "</imageId>.*?</item>(?=\\s*(<item>\\s*<imageId>|</imagesSet>))",
        Pattern.DOTALL).matcher(xml).replaceFirst("");
    if (answer.equals(xml)) throw new IllegalArgumentException(imageId + " is not in the answer");
    return answer;
  }

  @Override
  public void close() {
    wiremock.stop();
  }
}
