package amicatalog.launch;

/** Which image a launch page is about, as its heading shows it. */
public record ImageHeading(String title, String imageId, String region, String category, String detailUrl, String owner,
    boolean trustedOwner) {}
