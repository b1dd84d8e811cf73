package amicatalog.image;

import amicatalog.common.Json;
import amicatalog.web.Urls;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One image as the JSON API gives it, the same in search results, detail and compare:
 * <pre>
 * {"image":   {EC2's fields, as `aws ec2 describe-images` prints them: ImageId, Name, ..., Tags, ...},
 *  "catalog": {"region", "category", "scopes", "platform", "firstSeen", "lastChanged", "removedAt",
 *              "lastSeen", "timesAsGiven", "url", "apiUrl"}}
 * </pre>
 * EC2's facts and the catalog's own are kept apart, so a script that reads describe-images output
 * reads {@code image} the same way. Every key is always there; null when there is no value.
 * The README's "Pages and API" documents each key.
 */
public final class ImageJson {
  private ImageJson() {}

  public static ObjectNode of(StoredImage stored) {
    ImageRecord image = stored.image();
    StoredImage.Meta meta = stored.meta();
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.set("image", image.ec2Json());
    ObjectNode catalog = node.putObject("catalog");
    catalog.put("region", meta.region());
    catalog.put("category", meta.category());
    ArrayNode scopes = catalog.putArray("scopes");
    for (Scope s : Scope.values()) if ((meta.scopes() & s.bit()) != 0) scopes.add(s.label());
    catalog.put("platform", Platforms.of(image));
    catalog.put("firstSeen", meta.firstSeen());
    catalog.put("lastChanged", meta.lastChanged());
    catalog.put("removedAt", meta.removedAt());
    catalog.put("lastSeen", meta.lastSeen());
    catalog.set("timesAsGiven", image.timesAsGiven() == null ? null : Json.read(image.timesAsGiven()));
    catalog.put("url", Urls.detail(meta.region(), image.imageId()));
    catalog.put("apiUrl", "/api" + Urls.detail(meta.region(), image.imageId()));
    return node;
  }
}
