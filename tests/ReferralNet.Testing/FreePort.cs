using System.Net;
using System.Net.Sockets;

namespace ReferralNet.Testing;

/// <summary>Finds TCP ports on the loopback address that nothing listens on.</summary>
public static class FreePort
{
    /// <summary>
    /// Returns a TCP port on 127.0.0.1 that was free a moment ago. Another process can still take it
    /// before the caller binds it, so callers that start servers should retry on "address in use".
    /// </summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>Returns <paramref name="count"/> distinct free ports on 127.0.0.1.</summary>
    public static int[] Next(int count)
    {
        // Hold every socket until all are chosen, so the same port cannot be handed out twice.
        var sockets = new List<Socket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }
            return sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
