package amicatalog.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An image's content hash decides whether a sync rewrites it: the text it is taken of must stay
 * what it was (every stored hash would differ otherwise, and the next sync would rewrite every row).
 * The written-out text is held here against the reflective reading it replaced, on records with
 * every field set, none, and any mix, the fields added since the first release set or not.
 */
class ImageRecordHashTest {
  static final List<String> COMPONENTS = List.of("imageId", "name", "description", "ownerId", "ownerAlias", "architecture",
      "platform", "platformDetails", "usageOperation", "virtualizationType", "hypervisor", "rootDeviceType", "rootDeviceName",
      "imageType", "imageLocation", "kernelId", "ramdiskId", "state", "stateReason", "isPublic", "enaSupport", "sriovNetSupport",
      "bootMode", "imdsSupport", "tpmSupport", "creationDate", "deprecationTime", "lastLaunchedTime", "deregistrationProtection",
      "sourceImageId", "sourceImageRegion", "sourceInstanceId", "freeTierEligible", "productCodes", "blockDeviceMappings", "tags",
      "tagsText", "imageAllowed", "publicSsmParameterName", "imageWatermarks", "otherFields", "timesAsGiven");

  @Test
  void theComponentsAreTheOnesTheTextWritesOut() {
    assertThat(Arrays.stream(ImageRecord.class.getRecordComponents()).map(RecordComponent::getName).toList())
        .as("a new component goes at the end of ImageRecord and into fingerprintText as added(...)")
        .isEqualTo(COMPONENTS);
  }

  @Test
  void theTextIsTheReflectiveReadingForAnyMixOfFields() throws Exception {
    Random random = new Random(7);
    RecordComponent[] components = ImageRecord.class.getRecordComponents();
    Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
    var constructor = ImageRecord.class.getDeclaredConstructor(types);
    for (int n = 0; n < 3_000; n++) {
      Object[] values = new Object[components.length];
      for (int i = 0; i < values.length; i++) {
        int mode = n == 0 ? 0 : n == 1 ? 1 : random.nextInt(3);  // the first all null, the second all set
        if (mode == 0) continue;
        values[i] = types[i] == Boolean.class ? Boolean.valueOf(random.nextBoolean())
            : "v" + random.nextInt(1000) + (random.nextBoolean() ? " ünï, =]" : "");
      }
      ImageRecord image = (ImageRecord) constructor.newInstance(values);
      assertThat(image.fingerprintText()).isEqualTo(reflective(image));
    }
  }

  @Test
  void aRecordWithoutTheAddedFieldsHashesItsToString() {
    ImageRecord image = new ImageRecord("ami-1", "n", null, "137112412989", "amazon", "x86_64", null, "Linux/UNIX", "RunInstances",
        "hvm", "xen", "ebs", "/dev/xvda", "machine", "amazon/n", null, null, "available", null, true, true, "simple", "uefi", null,
        null, "2025-01-15T10:00:00.000Z", null, null, null, null, null, null, null, null, "[]", "{}", "", null, null, null, null, null);
    assertThat(image.fingerprintText()).isEqualTo(image.toString()
        .replace(", imageAllowed=null, publicSsmParameterName=null, imageWatermarks=null, otherFields=null, timesAsGiven=null", ""));
  }

  /** The reading the text replaced: every component by reflection, those from imageAllowed on only when set. */
  private static String reflective(ImageRecord image) throws Exception {
    RecordComponent[] components = ImageRecord.class.getRecordComponents();
    int firstAdded = COMPONENTS.indexOf("imageAllowed");
    StringBuilder sb = new StringBuilder("ImageRecord[");
    for (int i = 0; i < components.length; i++) {
      Object value = components[i].getAccessor().invoke(image);
      if (i >= firstAdded && value == null) continue;
      if (i > 0) sb.append(", ");
      sb.append(components[i].getName()).append('=').append(value);
    }
    return sb.append(']').toString();
  }
}
