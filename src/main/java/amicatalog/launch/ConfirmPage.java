package amicatalog.launch;

import amicatalog.web.Layout;
import java.util.List;

/** The confirmation step: exactly what will start, that it costs money, and the button that starts it. */
public record ConfirmPage(Layout layout, ImageHeading image, List<Notice> warnings, Verdict verdict, List<Fact> facts,
    String cost, String button, String confirmUrl, List<HiddenField> hidden, String changeUrl, String cliCommand) {

  static ConfirmPage of(Layout layout, LaunchImage image, LaunchRequest request, LaunchForm confirmed, Verdict verdict) {
    String what = request.count() == 1 ? "one " + request.instanceType() + " instance"
        : request.count() + " " + request.instanceType() + " instances";
    String cost = "Starting " + what + " costs money from the moment it runs until it is terminated: the instance hours, its"
        + " EBS volumes" + (image.marketplaceCodes().isEmpty() ? "" : ", the Marketplace product's software charges")
        + " and any public IPv4 address are billed to this AWS account. The catalog does not stop anything for you.";
    String button = "Start " + (request.count() == 1 ? "the instance" : "the " + request.count() + " instances") + " now";
    return new ConfirmPage(layout, image.heading(), image.warnings(), verdict, request.facts(), cost, button,
        image.launchUrl() + "/confirm", confirmed.hidden(), image.launchUrl() + confirmed.query(), request.cliCommand());
  }
}
