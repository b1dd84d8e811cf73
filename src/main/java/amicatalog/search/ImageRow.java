package amicatalog.search;

import amicatalog.common.Dates;
import amicatalog.image.Publishers;
import amicatalog.web.Urls;

/** One image as a results row shows it (and as the JSON and CSV twins list it). */
public record ImageRow(
    long id, String region, String imageId, String name, String description, String ownerId, String ownerAlias,
    String architecture, String platform, String platformDetails, String virtualizationType, String rootDeviceType,
    String bootMode, Boolean enaSupport, String state, String creationDate, String deprecationTime,
    String category, String removedAt, String imageType, String hypervisor, String rootDeviceName,
    String imageLocation, String usageOperation, String tpmSupport, String imdsSupport, String sourceImageId,
    String lastLaunchedTime, Boolean isPublic, String tags, String accounts) {

  static final String COLUMNS = """
      id, region, image_id, name, description, owner_id, owner_alias, architecture, platform, platform_details,
      virtualization_type, root_device_type, boot_mode, ena_support, state, creation_date, deprecation_time,
      category, removed_at, image_type, hypervisor, root_device_name, image_location, usage_operation,
      tpm_support, imds_support, source_image_id, last_launched_time, is_public, tags,
      (SELECT string_agg(account_id, ' ' ORDER BY account_id) FROM image_sightings WHERE image_row = images.id) AS accounts""";

  /** The ids of the catalog's accounts that see the image through their own listings (none for a public image). */
  public java.util.List<String> accountIds() {
    return accounts == null || accounts.isBlank() ? java.util.List.of() : java.util.List.of(accounts.split(" "));
  }

  public boolean deprecated() {
    return deprecationTime != null && deprecationTime.compareTo(java.time.Instant.now().toString()) <= 0;
  }

  /** The one platform value: windows, macos or linux (see Platforms). */
  public String platformLabel() {
    return amicatalog.image.Platforms.of(platform, platformDetails, architecture);
  }

  public String detailUrl() {
    return Urls.detail(region, imageId);
  }

  public String owner() {
    return Publishers.label(ownerId, ownerAlias);
  }

  public String created() {
    return Dates.day(creationDate);
  }
}
