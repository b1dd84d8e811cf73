package amicatalog.image;

/** An owner (alias, else account id) and how many live images it has. */
public record OwnerCount(String owner, int images) {}
