package amicatalog.launch;

import amicatalog.image.ImageRecord;
import amicatalog.web.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The launch form, prefilled, with the image's warnings up front. When launching is off or EC2
 * could not be read, {@code offReason} or {@code loadError} says why and there is no form. In the
 * demo, {@code sample} says the form is filled from the demo sample account, and after a check
 * {@code demoStop} is the command the dry run would have sent (it is not sent).
 */
public record LaunchFormPage(
    Layout layout, ImageHeading image, List<Notice> warnings, String offReason, String loadError, Verdict verdict,
    Map<String, String> problems, String actionUrl, List<TypeGroup> typeGroups, String typesNote, String enaNote,
    String count, int mostInstances, List<SubnetOption> subnets, List<GroupOption> groups, List<Option> keys, String name,
    String rootVolumeGiB, Integer imageRootGiB, int mostRootGiB, String logUrl, String sample, String demoStop,
    List<Option> accounts, String account, String accountLabel) {

  public record Option(String value, String label, boolean selected) {}

  public record TypeGroup(String label, List<Option> options) {}

  public record SubnetOption(String id, String label, String vpcId, boolean selected) {}

  public record GroupOption(String id, String label, String vpcId, boolean checked) {}

  public boolean hasForm() {
    return offReason == null && loadError == null;
  }

  public String problem(String field) {
    return problems.get(field);
  }

  static LaunchFormPage off(Layout layout, LaunchImage image, String offReason, String loadError) {
    return new LaunchFormPage(layout, image.heading(), image.warnings(), offReason, loadError, null, Map.of(), null,
        List.of(), null, null, "1", LaunchCheck.MOST_INSTANCES, List.of(), List.of(), List.of(), "", "", null,
        RootVolume.MOST_GIB, null, null, null, List.of(), "", null);
  }

  static LaunchFormPage of(Layout layout, LaunchImage image, LaunchOptions options, LaunchForm form,
      Map<String, String> problems, Verdict verdict, String logUrl) {
    // A refused type is not in the list: the default is preselected rather than whatever comes first.
    String chosen = options.compatible().stream().anyMatch(t -> t.name().equals(form.instanceType())) ? form.instanceType()
        : Compatibility.sensibleDefault(options.compatible()).map(InstanceType::name).orElse("");
    List<Option> current = new ArrayList<>();
    List<Option> previous = new ArrayList<>();
    for (InstanceType t : options.compatible()) {
      (t.currentGeneration() ? current : previous).add(new Option(t.name(), t.label(), t.name().equals(chosen)));
    }
    List<TypeGroup> typeGroups = new ArrayList<>();
    if (!current.isEmpty()) typeGroups.add(new TypeGroup("Current generation", current));
    if (!previous.isEmpty()) typeGroups.add(new TypeGroup("Previous generation", previous));
    AccountResources account = options.account();
    List<SubnetOption> subnets = account.subnets().stream()
        .map(s -> new SubnetOption(s.id(), s.label(), s.vpcId(), s.id().equals(form.subnetId()))).toList();
    List<GroupOption> groups = account.groups().stream()
        .map(g -> new GroupOption(g.id(), g.label(), g.vpcId(), form.securityGroupIds().contains(g.id()))).toList();
    List<Option> keys = new ArrayList<>();
    keys.add(new Option("", "none: no SSH key (connect with Session Manager or EC2 Instance Connect)", form.keyName().isEmpty()));
    account.keyNames().forEach(k -> keys.add(new Option(k, k, k.equals(form.keyName()))));
    return new LaunchFormPage(layout, image.heading(), image.warnings(), null, null, verdict, problems,
        image.launchUrl(), typeGroups, typesNote(image.image(), options), enaNote(image.image()), form.count(),
        LaunchCheck.MOST_INSTANCES, subnets, groups, keys, form.name(), form.rootVolumeGiB(),
        image.rootVolume() == null ? null : image.rootVolume().gib(), RootVolume.MOST_GIB, logUrl, null, null, List.of(), "", null);
  }

  /** The same page filled from the demo sample account ({@code sample} says so); {@code demoStop} after a check. */
  LaunchFormPage inDemo(String sample, String demoStop) {
    return new LaunchFormPage(layout, image, warnings, offReason, loadError, verdict, problems, actionUrl, typeGroups,
        typesNote, enaNote, count, mostInstances, subnets, groups, keys, name, rootVolumeGiB, imageRootGiB, mostRootGiB,
        logUrl, sample, demoStop, accounts, account, accountLabel);
  }

  /**
   * The same page acting in the chosen account: its id goes with the form, and where several of the
   * catalog's accounts can see the image, a choice of them (null: the demo, which acts in none).
   */
  LaunchFormPage acting(amicatalog.actions.ActingAccounts acting) {
    if (acting == null) return this;
    List<Option> options = acting.choices().stream()
        .map(a -> new Option(a.id(), a.display(), a.id().equals(acting.chosen().id()))).toList();
    return new LaunchFormPage(layout, image, warnings, offReason, loadError, verdict, problems, actionUrl, typeGroups,
        typesNote, enaNote, count, mostInstances, subnets, groups, keys, name, rootVolumeGiB, imageRootGiB, mostRootGiB,
        logUrl, sample, demoStop, acting.several() ? options : List.of(), acting.chosen().id(), acting.chosen().display());
  }

  /** Why the list is shorter than the region's: which of the image's needs it was filtered by. */
  private static String typesNote(ImageRecord image, LaunchOptions options) {
    List<String> needs = new ArrayList<>();
    if (image.architecture() != null) needs.add(image.architecture());
    if (image.virtualizationType() != null) needs.add(image.virtualizationType() + " virtualization");
    if (image.rootDeviceType() != null) needs.add(image.rootDeviceType() + " root device");
    if ("uefi".equals(image.bootMode()) || "legacy-bios".equals(image.bootMode())) needs.add(image.bootMode() + " boot");
    if (Boolean.FALSE.equals(image.enaSupport())) needs.add("no ENA");
    return options.compatible().size() + " of the region's " + options.all().size() + " instance types can run this image"
        + (needs.isEmpty() ? "." : " (" + String.join(", ", needs) + ").");
  }

  private static String enaNote(ImageRecord image) {
    return image.enaSupport() != null ? null
        : "The image's record does not say whether it supports ENA networking. If it does not, EC2 refuses types that"
            + " require ENA (most current ones); the dry run tells before anything starts.";
  }
}
