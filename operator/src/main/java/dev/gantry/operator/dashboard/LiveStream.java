package dev.gantry.operator.dashboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One browser's live view: informers that watch, as the viewer, what the page shows, and a single
 * thread that turns their changes into server-sent events. Changes arriving within {@link
 * #COALESCE_MILLIS} are sent as one. The stream ends when the browser goes or a watch fails for
 * good (the browser then reconnects and is shown the state afresh).
 */
abstract class LiveStream implements AutoCloseable {

  static final long COALESCE_MILLIS = 50;
  static final long KEEP_ALIVE_SECONDS = 15;

  private final SseClient sse;
  private final Set<LiveStream> open;
  private final ScheduledExecutorService sender;
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile boolean synced;

  /** {@code open}: the dashboard's open streams, which this one joins until it ends. */
  LiveStream(SseClient sse, Set<LiveStream> open, String name) {
    this.sse = sse;
    this.open = open;
    this.sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dashboard-live-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts watching: once every informer has listed, the whole view is sent, then changes. */
  final void start() {
    open.add(this);
    sse.onClose(this::close);
    sender.scheduleAtFixedRate(
        () -> sse.sendComment("keep-alive"),
        KEEP_ALIVE_SECONDS,
        KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS);
    watch();
    sender.execute(
        () -> {
          try {
            for (SharedIndexInformer<?> informer : informers) {
              informer.start().toCompletableFuture().join();
            }
          } catch (RuntimeException e) {
            // A watch the API server refuses (the viewer may list but not watch): end the stream
            // rather than look live and show nothing new.
            sse.close();
            return;
          }
          synced = true;
          sendAll();
        });
  }

  /** Adds the informers of this view, with {@link #inform}. */
  abstract void watch();

  /** Sends the whole view. */
  abstract void sendAll();

  /** What to send when {@code changed} changed; by default the whole view, coalesced. */
  void changed(HasMetadata changed, boolean addedOrDeleted) {
    changedAll();
  }

  /** What to forget when {@code gone} was deleted; by default nothing. */
  void deleted(HasMetadata gone) {}

  /** Schedules one {@link #sendAll} for the changes of the next few milliseconds. */
  final void changedAll() {
    if (pending.compareAndSet(false, true)) {
      sender.schedule(
          () -> {
            pending.set(false);
            sendAll();
          },
          COALESCE_MILLIS,
          TimeUnit.MILLISECONDS);
    }
  }

  /** Runs {@code task} on the sending thread, after the informers have listed. */
  final void onSender(Runnable task) {
    sender.execute(task);
  }

  final <T extends HasMetadata> SharedIndexInformer<T> inform(
      SharedIndexInformer<T> informer, Consumer<T> observed) {
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T obj) {
            observed.accept(obj);
            if (synced) {
              changed(obj, true);
            }
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            observed.accept(newObj);
            if (synced) {
              changed(newObj, false);
            }
          }

          @Override
          public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            deleted(obj);
            if (synced) {
              changed(obj, true);
            }
          }
        });
    informer
        .stopped()
        .whenComplete(
            (done, failure) -> {
              if (failure != null) {
                sse.close();
              }
            });
    informers.add(informer);
    return informer;
  }

  final void send(String event, String html) {
    if (!sse.terminated()) {
      sse.sendEvent(event, html);
    }
  }

  @Override
  public void close() {
    open.remove(this);
    informers.forEach(SharedIndexInformer::close);
    sender.shutdownNow();
  }
}
