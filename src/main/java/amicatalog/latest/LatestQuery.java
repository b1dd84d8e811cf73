package amicatalog.latest;

import amicatalog.common.Text;
import amicatalog.web.PathParams;
import amicatalog.web.Urls;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * "The newest image named like this, per region", the way Terraform's most_recent or
 * DescribeImages with a name filter are used: an owner (required), a name pattern with * and ?,
 * optionally an architecture and regions; deprecated images only when asked.
 */
record LatestQuery(String owner, String name, String arch, List<String> regions, boolean includeDeprecated) {
  static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64", "i386", "x86_64_mac", "arm64_mac");
  private static final Pattern OWNER = Pattern.compile("\\d{12}|self|[a-z][a-z0-9-]{1,62}");
  /** Why an owner is required: said on the page and in the API's 400. */
  static final String OWNER_REQUIRED = "Say whose images: owner is required (an account id, or an alias such as amazon)."
      + " Anyone can publish a public image under any name, so the newest image matching a name alone may be a look-alike"
      + " planted to be picked up (AMI name squatting); pinning the owner is what makes \"latest\" safe to launch.";

  /** Why the API needs a name pattern. */
  static final String NAME_REQUIRED = "Say which image line: name is required, a name pattern with * and ? as EC2's name"
      + " filter takes it (for example al2023-ami-2023*-x86_64); without it the answer would be the owner's newest image of any line.";

  /** Null when the page was opened without any parameter (then it shows the empty form). */
  static LatestQuery from(Context ctx) {
    if (ctx.queryParamMap().isEmpty()) return null;
    String owner = ctx.queryParam("owner");
    if (owner == null || owner.isBlank()) throw new BadRequestResponse(OWNER_REQUIRED);
    owner = owner.strip();
    if (!OWNER.matcher(owner).matches()) {
      throw new BadRequestResponse("'" + Text.cut(owner) + "' is not an owner: give an account id (12 digits), self, or an alias such as amazon.");
    }
    String name = ctx.queryParam("name");
    name = name == null || name.isBlank() ? "*" : name.strip();
    if (name.length() > 128) throw new BadRequestResponse("The name pattern is longer than 128 characters.");
    String arch = ctx.queryParam("arch");
    arch = arch == null || arch.isBlank() ? null : arch.strip();
    if (arch != null && !ARCHITECTURES.contains(arch)) {
      throw new BadRequestResponse("Unknown architecture '" + Text.cut(arch) + "': use x86_64, arm64, i386, x86_64_mac or arm64_mac.");
    }
    List<String> regions = new ArrayList<>(PathParams.regions(ctx.queryParams("region")));
    String deprecated = ctx.queryParam("deprecated");
    if (deprecated != null && !deprecated.isBlank() && !deprecated.strip().equals("include")) {
      // A script asking for deprecated=yes must not silently get none of them.
      throw new io.javalin.http.BadRequestResponse("deprecated takes one value, include (deprecated images count too);"
          + " leave it out for available images only.");
    }
    return new LatestQuery(owner, name, arch, regions, deprecated != null && !deprecated.isBlank());
  }

  /**
   * The name pattern as SQLite GLOB: * and ? as in EC2's name filter; [ is literal there, so it
   * is escaped as the one-character class [[].
   */
  String glob() {
    return name.replace("[", "[[]");
  }

  String url(String path) {
    StringBuilder url = new StringBuilder(path).append("?owner=").append(Urls.enc(owner))
        .append("&name=").append(Urls.enc(name));
    if (arch != null) url.append("&arch=").append(Urls.enc(arch));
    regions.forEach(r -> url.append("&region=").append(Urls.enc(r)));
    if (includeDeprecated) url.append("&deprecated=include");
    return url.toString();
  }

  /** The same question asked of EC2 with the AWS CLI (per region). */
  String cli(String region) {
    return "aws ec2 describe-images --region " + region + " --owners " + owner
        + " --filters 'Name=name,Values=" + name.replace("'", "'\\''") + "'"
        + (arch == null ? "" : " 'Name=architecture,Values=" + arch + "'")
        + (includeDeprecated ? " --include-deprecated" : "")
        + " --query 'sort_by(Images, &CreationDate)[-1].ImageId' --output text";
  }
}
