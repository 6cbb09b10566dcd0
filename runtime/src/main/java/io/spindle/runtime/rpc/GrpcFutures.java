package io.spindle.runtime.rpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;

/** Turns gRPC's future stubs' results into {@link CompletableFuture}s. */
public final class GrpcFutures {

    private GrpcFutures() {}

    /** A future completed (on gRPC's thread) when {@code call} is. */
    public static <T> CompletableFuture<T> toCompletable(ListenableFuture<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Futures.addCallback(call, new FutureCallback<T>() {
            @Override
            public void onSuccess(T value) {
                result.complete(value);
            }

            @Override
            public void onFailure(Throwable t) {
                result.completeExceptionally(t);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }
}
