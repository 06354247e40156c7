using System.Net;
using System.Net.Sockets;

namespace OpenTabletop.AppHost.Hosting.Provisioning;

public static class FreePort
{
    /// <summary>A port nobody listens on right now; the OS picks it, so parallel callers don't collide.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The preferred port when it is free, otherwise any free port.</summary>
    public static int Prefer(int preferred) => IsFree(preferred) ? preferred : Find();
}
