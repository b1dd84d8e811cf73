package amicatalog.launch;

import static org.assertj.core.api.Assertions.assertThat;

import amicatalog.common.Json;
import amicatalog.image.ImageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which instance types can run an image, the reason when one cannot, and the default offered. */
class CompatibilityTest {
  static final InstanceType T3_MICRO = new InstanceType("t3.micro", List.of("x86_64"), List.of("legacy-bios", "uefi"),
      "required", List.of("ebs"), List.of("hvm"), 2, 1024, true, true);
  static final InstanceType T3_NANO = new InstanceType("t3.nano", List.of("x86_64"), List.of("legacy-bios", "uefi"),
      "required", List.of("ebs"), List.of("hvm"), 2, 512, true, false);
  static final InstanceType T2_MICRO = new InstanceType("t2.micro", List.of("i386", "x86_64"), List.of("legacy-bios"),
      "unsupported", List.of("ebs"), List.of("hvm"), 1, 1024, true, true);
  static final InstanceType T4G_MICRO = new InstanceType("t4g.micro", List.of("arm64"), List.of("uefi"),
      "required", List.of("ebs"), List.of("hvm"), 2, 1024, true, true);
  static final InstanceType M1_SMALL = new InstanceType("m1.small", List.of("i386", "x86_64"), List.of("legacy-bios"),
      "unsupported", List.of("ebs", "instance-store"), List.of("hvm", "paravirtual"), 1, 1740, false, false);
  static final List<InstanceType> ALL = List.of(T3_MICRO, T3_NANO, T2_MICRO, T4G_MICRO, M1_SMALL);

  static ImageRecord image(String fields) {
    return ImageRecord.fromJson(Json.read("{\"ImageId\": \"ami-0123\", " + fields + "}"));
  }

  @Test
  void anArmTypeIsRefusedForAnX86ImageWithTheReason() {
    ImageRecord x86 = image("\"Architecture\": \"x86_64\", \"EnaSupport\": true");

    assertThat(Compatibility.whyNot(x86, T4G_MICRO)).isEqualTo("t4g.micro runs arm64 images; this image is x86_64.");
    assertThat(Compatibility.whyNot(x86, T3_MICRO)).isNull();
  }

  @Test
  void bootModeVirtualizationRootDeviceAndEnaEachRuleTypesOut() {
    assertThat(Compatibility.whyNot(image("\"Architecture\": \"x86_64\", \"BootMode\": \"uefi\""), T2_MICRO))
        .isEqualTo("t2.micro boots in legacy-bios mode; this image needs uefi.");
    assertThat(Compatibility.whyNot(image("\"Architecture\": \"x86_64\", \"BootMode\": \"uefi-preferred\""), T2_MICRO)).isNull();
    assertThat(Compatibility.whyNot(image("\"VirtualizationType\": \"paravirtual\""), T3_MICRO))
        .isEqualTo("t3.micro supports hvm virtualization; this image is paravirtual.");
    assertThat(Compatibility.whyNot(image("\"RootDeviceType\": \"instance-store\""), T3_MICRO))
        .isEqualTo("t3.micro boots from ebs root volumes; this image's root device is instance-store.");
    assertThat(Compatibility.whyNot(image("\"EnaSupport\": false"), T3_MICRO))
        .isEqualTo("t3.micro requires ENA networking; this image does not support ENA.");
    assertThat(Compatibility.whyNot(image("\"EnaSupport\": false"), T2_MICRO)).isNull();
  }

  @Test
  void compatibleTypesAreListedByFamilyThenSize() {
    ImageRecord x86 = image("\"Architecture\": \"x86_64\", \"EnaSupport\": true, \"RootDeviceType\": \"ebs\"");

    assertThat(Compatibility.compatible(x86, ALL)).extracting(InstanceType::name)
        .containsExactly("m1.small", "t2.micro", "t3.nano", "t3.micro");
  }

  @Test
  void theDefaultIsTheSmallestFreeTierCurrentType() {
    ImageRecord uefi = image("\"Architecture\": \"x86_64\", \"BootMode\": \"uefi\", \"EnaSupport\": true");
    ImageRecord arm = image("\"Architecture\": \"arm64\", \"EnaSupport\": true");

    assertThat(Compatibility.sensibleDefault(Compatibility.compatible(uefi, ALL))).map(InstanceType::name).hasValue("t3.micro");
    assertThat(Compatibility.sensibleDefault(Compatibility.compatible(arm, ALL))).map(InstanceType::name).hasValue("t4g.micro");
    assertThat(Compatibility.sensibleDefault(List.of(T3_NANO, M1_SMALL))).map(InstanceType::name).hasValue("t3.nano");
  }
}
