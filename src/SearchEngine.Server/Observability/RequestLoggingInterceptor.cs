using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SearchEngine.Server.Observability;

/// <summary>
/// Logs one line per gRPC call (method, status, latency) and counts it in the metrics. Registered
/// before the error mapping, so it sees the status the client gets. A streaming call's latency
/// runs from its start to its status, including the time the client takes to stream.
/// </summary>
public sealed class RequestLoggingInterceptor(ServerMetrics metrics, ILogger<RequestLoggingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(request, context);
            Finish(context, started, context.Status.StatusCode);
            return response;
        }
        catch (Exception exception)
        {
            Finish(context, started, StatusOf(exception));
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await continuation(requestStream, context);
            Finish(context, started, context.Status.StatusCode);
            return response;
        }
        catch (Exception exception)
        {
            Finish(context, started, StatusOf(exception));
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await continuation(request, responseStream, context);
            Finish(context, started, context.Status.StatusCode);
        }
        catch (Exception exception)
        {
            Finish(context, started, StatusOf(exception));
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await continuation(requestStream, responseStream, context);
            Finish(context, started, context.Status.StatusCode);
        }
        catch (Exception exception)
        {
            Finish(context, started, StatusOf(exception));
            throw;
        }
    }

    // The error mapping runs inside this interceptor, so anything but an RpcException escaped it;
    // ASP.NET Core gRPC answers those with UNKNOWN.
    private static StatusCode StatusOf(Exception exception) =>
        exception is RpcException rpc ? rpc.StatusCode : StatusCode.Unknown;

    private void Finish(ServerCallContext context, long started, StatusCode status)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.RecordRequest(context.Method, status, elapsed);
        ObservabilityLog.RequestFinished(logger, context.Method, status, elapsed.TotalMilliseconds);
    }
}
