package amicatalog.launch;

import amicatalog.image.ImageRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which instance types can run an image, and why not: the image's architecture, virtualization,
 * root device and boot mode must be among the type's, and a type that requires ENA needs an image
 * with ENA support. An attribute the catalog or EC2 leaves empty constrains nothing.
 */
final class Compatibility {
  private Compatibility() {}

  /** Why {@code type} cannot run {@code image}, or null when it can. */
  static String whyNot(ImageRecord image, InstanceType type) {
    String arch = image.architecture();
    if (arch != null && !type.architectures().isEmpty() && !type.architectures().contains(arch)) {
      return type.name() + " runs " + String.join(" or ", type.architectures()) + " images; this image is " + arch + ".";
    }
    String virtualization = image.virtualizationType();
    if (virtualization != null && !type.virtualizationTypes().isEmpty() && !type.virtualizationTypes().contains(virtualization)) {
      return type.name() + " supports " + String.join(" or ", type.virtualizationTypes())
          + " virtualization; this image is " + virtualization + ".";
    }
    String root = image.rootDeviceType();
    if (root != null && !type.rootDeviceTypes().isEmpty() && !type.rootDeviceTypes().contains(root)) {
      return type.name() + " boots from " + String.join(" or ", type.rootDeviceTypes())
          + " root volumes; this image's root device is " + root + ".";
    }
    String boot = image.bootMode();
    // uefi-preferred images boot either way; an image without a boot mode takes the type's default.
    if (("uefi".equals(boot) || "legacy-bios".equals(boot)) && !type.bootModes().isEmpty() && !type.bootModes().contains(boot)) {
      return type.name() + " boots in " + String.join(" or ", type.bootModes()) + " mode; this image needs " + boot + ".";
    }
    // Only an explicit "no": DescribeImages omits EnaSupport in some answers, and EC2's dry run still checks.
    if (Boolean.FALSE.equals(image.enaSupport()) && "required".equals(type.ena())) {
      return type.name() + " requires ENA networking; this image does not support ENA.";
    }
    return null;
  }

  static List<InstanceType> compatible(ImageRecord image, List<InstanceType> types) {
    return types.stream().filter(t -> whyNot(image, t) == null)
        .sorted(Comparator.comparing(InstanceType::family).thenComparingInt(InstanceType::vcpus)
            .thenComparingLong(InstanceType::memoryMib).thenComparing(InstanceType::name))
        .toList();
  }

  /** The smallest free-tier current type, else the smallest current one, else the smallest: cheap to try. */
  static Optional<InstanceType> sensibleDefault(List<InstanceType> compatible) {
    Comparator<InstanceType> preference = Comparator.comparing((InstanceType t) -> !(t.freeTier() && t.currentGeneration()))
        .thenComparing(t -> !t.currentGeneration())
        .thenComparingLong(InstanceType::memoryMib).thenComparingInt(InstanceType::vcpus)
        .thenComparing(InstanceType::name);
    return compatible.stream().min(preference);
  }
}
