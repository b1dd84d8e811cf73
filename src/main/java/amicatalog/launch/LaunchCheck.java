package amicatalog.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a submitted launch form against the image and what the account has, before EC2 is asked
 * to run anything: either a {@link LaunchRequest}, or each problem keyed by the field it is about.
 */
record LaunchCheck(LaunchRequest request, Map<String, String> problems) {
  static final int MOST_INSTANCES = 10;
  static final int MOST_GROUPS = 5;
  private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9-]+\\.[a-z0-9-]+");
  private static final Pattern COUNT = Pattern.compile("\\d{1,3}");
  private static final Pattern GIB = Pattern.compile("\\d{1,5}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  boolean ok() {
    return problems.isEmpty();
  }

  /** The problems in one paragraph, for the launch log. */
  String summary() {
    return String.join(" ", problems.values());
  }

  /** Checks against the region's types and the account's resources as {@code options} has them. */
  static LaunchCheck of(LaunchForm form, LaunchImage image, LaunchOptions options) {
    AccountResources account = options.account();
    Map<String, String> problems = new LinkedHashMap<>();
    String type = form.instanceType();
    if (type.isEmpty()) {
      problems.put(LaunchForm.TYPE, "Choose an instance type.");
    } else if (!TYPE_NAME.matcher(type).matches()) {
      problems.put(LaunchForm.TYPE, "“" + type + "” is not an instance type name like t3.micro.");
    } else {
      Optional<InstanceType> known = options.all().stream().filter(t -> t.name().equals(type)).findFirst();
      String why = known.isEmpty() ? type + " is not an instance type offered in " + image.region() + "."
          : Compatibility.whyNot(image.image(), known.get());
      if (why != null) problems.put(LaunchForm.TYPE, why);
    }
    int count = COUNT.matcher(form.count()).matches() ? Integer.parseInt(form.count()) : 0;
    if (count < 1 || count > MOST_INSTANCES) {
      problems.put(LaunchForm.COUNT, "The number of instances must be a whole number from 1 to " + MOST_INSTANCES + ".");
    }
    Optional<AccountResources.Subnet> subnet = account.subnet(form.subnetId());
    if (subnet.isEmpty()) {
      problems.put(LaunchForm.SUBNET, form.subnetId().isEmpty() ? "Choose a subnet."
          : "There is no subnet " + form.subnetId() + " in " + image.region() + ".");
    }
    List<String> groups = form.securityGroupIds();
    if (groups.size() > MOST_GROUPS) {
      problems.put(LaunchForm.GROUPS, "Choose at most " + MOST_GROUPS + " security groups.");
    }
    for (String id : groups) {
      Optional<AccountResources.SecurityGroup> group = account.group(id);
      if (group.isEmpty()) {
        problems.putIfAbsent(LaunchForm.GROUPS, "There is no security group " + id + " in " + image.region() + ".");
      } else if (subnet.isPresent() && !subnet.get().vpcId().equals(group.get().vpcId())) {
        problems.putIfAbsent(LaunchForm.GROUPS, id + " belongs to " + group.get().vpcId() + ", but subnet "
            + subnet.get().id() + " is in " + subnet.get().vpcId() + ": choose groups of the subnet's VPC.");
      }
    }
    if (!form.keyName().isEmpty() && !account.keyNames().contains(form.keyName())) {
      problems.put(LaunchForm.KEY, "There is no key pair named “" + form.keyName() + "” in " + image.region() + ".");
    }
    if (form.name().length() > 256 || CONTROL.matcher(form.name()).find()) {
      problems.put(LaunchForm.NAME, "A Name tag is at most 256 characters, without line breaks or control characters.");
    }
    RootVolume root = rootVolume(form, image, problems);
    if (!problems.isEmpty()) return new LaunchCheck(null, problems);
    AccountResources.Subnet s = subnet.get();
    return new LaunchCheck(new LaunchRequest(image.region(), image.imageId(), type, count, s.id(), s.vpcId(), s.zone(),
        groups, form.keyName().isEmpty() ? null : form.keyName(), form.name().isEmpty() ? null : form.name(), root,
        form.account().isEmpty() ? null : form.account()), problems);
  }

  /** A bigger root volume than the image's, or null for the image's own size. */
  private static RootVolume rootVolume(LaunchForm form, LaunchImage image, Map<String, String> problems) {
    RootVolume own = image.rootVolume();
    if (form.rootVolumeGiB().isEmpty() || (own != null && form.rootVolumeGiB().equals(String.valueOf(own.gib())))) return null;
    if (own == null) {
      problems.put(LaunchForm.ROOT, "This image's root volume cannot be resized here: it is not an EBS volume of a known size.");
      return null;
    }
    int gib = GIB.matcher(form.rootVolumeGiB()).matches() ? Integer.parseInt(form.rootVolumeGiB()) : -1;
    if (gib < own.gib() || gib > RootVolume.MOST_GIB) {
      problems.put(LaunchForm.ROOT, String.format("The root volume must be a whole number of GiB from %d (the image's size) to %,d.",
          own.gib(), RootVolume.MOST_GIB));
      return null;
    }
    return new RootVolume(own.deviceName(), gib);
  }
}
