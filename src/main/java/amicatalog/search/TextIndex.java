package amicatalog.search;

import amicatalog.image.Terms;
import amicatalog.image.TextSearch;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The search box's words over every live image, in memory: each term (a run of letters and
 * numbers, lower-cased, Latin accents dropped: what SQLite's unicode61 tokenizer makes of text)
 * with the positions of the images whose name, description, owner alias, tags or account id hold it.
 *
 * <p>Why not FTS5 alone: a word many images share ({@code hvm}, {@code amazon}, the prefix
 * {@code am}) makes FTS5 read hundreds of thousands of rowids, 25 to 105 ms at 1M images before
 * any counting; here such a term is a bit set, and a prefix is the union of its terms. Terms
 * most images lack keep their positions as a sorted list, which is smaller than a bit set.
 */
public final class TextIndex {
  static final TextIndex EMPTY = new Builder().build(new int[0]);

  /** Marks an owner account id term; the tokenizer never makes a term with it, so no word can collide. */
  private static final String OWNER = "@";

  private final int size;
  private final byte[] dictionary;    // every term's UTF-8 bytes, sorted, one after another
  private final int[] termStart;      // term -> where it starts in dictionary; [terms] = the end
  private final long[][] dense;       // term -> its positions as a bit set, or null
  private final int[] postingStart;   // term -> where its positions start in postings; [terms] = the end
  private final int[] postings;       // the other terms' positions, ascending within each term

  private TextIndex(int size, byte[] dictionary, int[] termStart, long[][] dense, int[] postingStart, int[] postings) {
    this.size = size;
    this.dictionary = dictionary;
    this.termStart = termStart;
    this.dense = dense;
    this.postingStart = postingStart;
    this.postings = postings;
  }

  /**
   * Positions of the images that hold every word: each of a word's terms, the last one as a
   * prefix when the word asks for it. A fresh set the caller may change.
   */
  long[] match(List<TextSearch.Word> words) {
    long[] result = null;
    for (TextSearch.Word word : words) {
      List<String> terms = word.terms();
      for (int k = 0; k < terms.size(); k++) {
        long[] part = Bits.none(size);
        byte[] key = terms.get(k).getBytes(StandardCharsets.UTF_8);
        if (word.prefix() && k == terms.size() - 1) {
          for (int t = lowerBound(key); t < terms() && startsWith(t, key); t++) addPositions(t, part);
        } else {
          int t = lowerBound(key);
          if (t < terms() && compare(t, key) == 0) addPositions(t, part);
        }
        if (result == null) result = part;
        else Bits.and(result, part);
      }
    }
    return result == null ? Bits.none(size) : result;
  }

  /** Positions of the images of one owner account. */
  long[] owner(String accountId) {
    return match(List.of(new TextSearch.Word(List.of(OWNER + accountId), false)));
  }

  private int terms() {
    return termStart.length - 1;
  }

  private void addPositions(int term, long[] into) {
    if (dense[term] != null) {
      Bits.or(into, dense[term]);
    } else {
      for (int i = postingStart[term]; i < postingStart[term + 1]; i++) Bits.set(into, postings[i]);
    }
  }

  private int compare(int term, byte[] key) {
    return Arrays.compareUnsigned(dictionary, termStart[term], termStart[term + 1], key, 0, key.length);
  }

  private boolean startsWith(int term, byte[] key) {
    int start = termStart[term];
    return termStart[term + 1] - start >= key.length
        && Arrays.equals(dictionary, start, start + key.length, key, 0, key.length);
  }

  /** The first term not before key. */
  private int lowerBound(byte[] key) {
    int lo = 0, hi = terms();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(mid, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * A Builder fed from another thread: the build reads rows and codes facets on one core while
   * this splits words on the other (at 1M images, 7.6 s for both where one thread took 17 s).
   * Not for use by two threads.
   */
  static final class Feed implements AutoCloseable {
    private static final int BATCH = 4096;
    private static final String[] END = new String[0];
    private final java.util.concurrent.BlockingQueue<String[]> batches = new java.util.concurrent.ArrayBlockingQueue<>(16);
    private final java.util.concurrent.CompletableFuture<Builder> built;
    private String[] batch = new String[2 * BATCH];
    private int inBatch;
    private boolean ended;

    Feed() {
      Builder builder = new Builder();
      built = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        RuntimeException failure = null;
        try {
          for (String[] b = batches.take(); b != END; b = batches.take()) {
            // After a failure, keep taking (and dropping) so the feeding thread never blocks.
            for (int i = 0; failure == null && i < b.length && b[i + 1] != null; i += 2) {
              try {
                builder.add(b[i], b[i + 1]);
              } catch (RuntimeException e) {
                failure = e;
              }
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        if (failure != null) throw failure;
        return builder;
      }, runnable -> {
        Thread thread = new Thread(runnable, "text-index");
        thread.setDaemon(true);
        thread.start();
      });
    }

    /** The next image in read order, as {@link Builder#add}. */
    void add(String ownerId, String text) {
      batch[2 * inBatch] = ownerId;
      batch[2 * inBatch + 1] = text == null ? "" : text;
      if (++inBatch == BATCH) flush();
    }

    private void flush() {
      try {
        // Never wait for a worker that has died (out of memory, say): its failure is ours.
        while (!batches.offer(batch, 1, java.util.concurrent.TimeUnit.SECONDS)) {
          if (built.isDone()) {
            if (batch == END) return;
            built.join();  // throws the worker's failure
            throw new IllegalStateException("the text index worker ended early");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.CompletionException e) {
        throw new IllegalStateException("the text index could not be built: " + e.getCause(), e.getCause());
      }
      batch = new String[2 * BATCH];
      inBatch = 0;
    }

    /** Waits for every image fed so far to be added. */
    Builder finish() {
      if (inBatch > 0) flush();
      close();
      try {
        return built.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }

    /** Ends the other thread, also when the feeding failed half-way. */
    @Override
    public void close() {
      if (ended) return;
      ended = true;
      batch = END;
      inBatch = 0;
      flush();
    }
  }

  /**
   * Term ids by text, found straight from a slice of an image's text: a build meets some 20
   * million words at 1M images, and a String and a HashMap entry for each cost seconds.
   */
  private static final class TermIds {
    private static final int RECENT = 1 << 12;
    final List<String> terms = new ArrayList<>();
    private int[] slots = new int[2 << 16];  // pairs (id + 1 or 0 when free, hash): one cache line per probe
    private int mask = (1 << 16) - 1;
    // A few thousand terms make up most words (hvm, amazon, x86...): a small direct-mapped table
    // of recent ones stays in the CPU cache, where the big table costs a memory read per word.
    private final int[] recent = new int[2 * RECENT];

    /** The id of text[from, to) lower-cased, a new one when it is a new term. */
    int id(String text, int from, int to) {
      int hash = 0;
      for (int i = from; i < to; i++) hash = 31 * hash + Terms.lower(text.charAt(i));
      int spread = spread(hash);
      int r = 2 * (spread & (RECENT - 1));
      if (recent[r] != 0 && recent[r + 1] == hash && sameTerm(terms.get(recent[r] - 1), text, from, to)) return recent[r] - 1;
      int id = find(text, from, to, hash, spread);
      recent[r] = id + 1;
      recent[r + 1] = hash;
      return id;
    }

    private int find(String text, int from, int to, int hash, int spread) {
      for (int slot = spread & mask; ; slot = (slot + 1) & mask) {
        int id = slots[2 * slot] - 1;
        if (id < 0) return add(Terms.lowerCase(text, from, to), hash, slot);
        if (slots[2 * slot + 1] == hash && sameTerm(terms.get(id), text, from, to)) return id;
      }
    }

    private int add(String term, int hash, int slot) {
      terms.add(term);
      slots[2 * slot] = terms.size();
      slots[2 * slot + 1] = hash;
      if (terms.size() * 2 > mask) grow();
      return terms.size() - 1;
    }

    private void grow() {
      int[] old = slots;
      slots = new int[old.length * 2];
      mask = slots.length / 2 - 1;
      for (int s = 0; s < old.length; s += 2) {
        if (old[s] == 0) continue;
        int slot = spread(old[s + 1]) & mask;
        while (slots[2 * slot] != 0) slot = (slot + 1) & mask;
        slots[2 * slot] = old[s];
        slots[2 * slot + 1] = old[s + 1];
      }
    }

    private static int spread(int hash) {
      return (hash ^ (hash >>> 16)) * 0x9E3779B9;
    }

    private static boolean sameTerm(String term, String text, int from, int to) {
      if (term.length() != to - from) return false;
      for (int i = from; i < to; i++) if (term.charAt(i - from) != Terms.lower(text.charAt(i))) return false;
      return true;
    }
  }

  /** Collects each image's terms in the order they are read, then lays them out by position. */
  static final class Builder {
    private final TermIds ids = new TermIds();
    private int[] documents = new int[1 << 16];  // each image's distinct term ids, one image after another
    private int used;
    private int[] documentEnd = new int[1 << 10];
    private int count;
    private int[] current = new int[64];
    private int inCurrent;

    /** The next image (in read order): its account id and its text. */
    void add(String ownerId, String text) {
      inCurrent = 0;
      Terms.forEachTerm(text, (t, from, to) -> term(ids.id(t, from, to)));
      if (ownerId != null && !ownerId.isEmpty()) {
        String owner = OWNER + ownerId;
        term(ids.id(owner, 0, owner.length()));
      }
      Arrays.sort(current, 0, inCurrent);
      if (used + inCurrent > documents.length) documents = Arrays.copyOf(documents, Math.max(documents.length * 2, used + inCurrent));
      for (int i = 0; i < inCurrent; i++) {
        if (i == 0 || current[i] != current[i - 1]) documents[used++] = current[i];
      }
      if (count == documentEnd.length) documentEnd = Arrays.copyOf(documentEnd, count * 2);
      documentEnd[count++] = used;
    }

    private void term(int id) {
      if (inCurrent == current.length) current = Arrays.copyOf(current, inCurrent * 2);
      current[inCurrent++] = id;
    }

    /** @param readIndexAt position -> the read index of the image that has it */
    TextIndex build(int[] readIndexAt) {
      int size = readIndexAt.length;
      int terms = ids.terms.size();
      // Terms hold no surrogates, so String order is code point order, which is UTF-8 byte order.
      String[] sorted = ids.terms.toArray(new String[0]);
      Arrays.sort(sorted);
      int[] rank = new int[terms];
      var dictionaryBytes = new java.io.ByteArrayOutputStream(terms * 8);
      int[] termStart = new int[terms + 1];
      for (int r = 0; r < terms; r++) {
        rank[ids.id(sorted[r], 0, sorted[r].length())] = r;
        byte[] bytes = sorted[r].getBytes(StandardCharsets.UTF_8);
        dictionaryBytes.writeBytes(bytes);
        termStart[r + 1] = termStart[r] + bytes.length;
      }
      byte[] dictionary = dictionaryBytes.toByteArray();

      int[] documentCount = new int[terms];
      for (int i = 0; i < used; i++) documentCount[rank[documents[i]]]++;
      // A bit set costs size/8 bytes, a list 4 bytes per image: the set wins from size/32 images.
      long[][] dense = new long[terms][];
      int[] postingStart = new int[terms + 1];
      for (int t = 0; t < terms; t++) {
        boolean many = documentCount[t] * 32L >= size;
        if (many) dense[t] = Bits.none(size);
        postingStart[t + 1] = postingStart[t] + (many ? 0 : documentCount[t]);
      }
      int[] postings = new int[postingStart[terms]];
      int[] next = Arrays.copyOf(postingStart, terms);
      for (int p = 0; p < size; p++) {  // ascending positions make each term's list sorted
        int i = readIndexAt[p];
        for (int j = i == 0 ? 0 : documentEnd[i - 1]; j < documentEnd[i]; j++) {
          int t = rank[documents[j]];
          if (dense[t] != null) Bits.set(dense[t], p);
          else postings[next[t]++] = p;
        }
      }
      return new TextIndex(size, dictionary, termStart, dense, postingStart, postings);
    }
  }
}
