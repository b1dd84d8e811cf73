package amicatalog.sync;

import amicatalog.image.ImageRecord;
import amicatalog.image.Scope;
import java.util.List;

/** Where images come from: EC2 itself, or describe-images JSON files. */
public interface ImageSource {

  /**
   * Lists every image of one (region, scope), handing each page to {@code pages} as it arrives,
   * so a region is never held in memory. Throws when the listing cannot be completed.
   */
  void list(String region, Scope scope, PageConsumer pages) throws Exception;

  /**
   * Whether a listing that ends without an error is the whole truth for its (region, scope),
   * so that images it did not see may become tombstones. A file is only a snapshot: it is not.
   */
  boolean listingsAreComplete();

  interface PageConsumer {
    void accept(List<ImageRecord> page);
  }
}
