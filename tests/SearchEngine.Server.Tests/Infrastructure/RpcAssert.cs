using Grpc.Core;

namespace SearchEngine.Server.Tests.Infrastructure;

internal static class RpcAssert
{
    /// <summary>Asserts that the call fails with the given status and returns the failure for checks on its message.</summary>
    public static async Task<RpcException> FailsWithAsync(StatusCode expected, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(exception.StatusCode == expected,
            $"expected {expected} but got {exception.StatusCode}: {exception.Status.Detail}");
        return exception;
    }
}
