using System.Net.Sockets;

namespace OpenTabletop.Tests.Support;

public static class SlowReading
{
    /// <summary>
    /// A client that reads through a small socket receive buffer, so that a server which streams is
    /// held back by the client's reading within a few hundred kilobytes (the TCP window stays small).
    /// </summary>
    public static HttpClient Client(Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 16 * 1024 };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
}
