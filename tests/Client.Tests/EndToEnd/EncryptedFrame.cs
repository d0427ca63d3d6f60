namespace Gateway.Client.Tests.EndToEnd;

/// <summary>A media payload as the gateway forwarded it (SFrame ciphertext), with the test phase and sender it came from.</summary>
internal sealed record EncryptedFrame(int Phase, int Sender, byte[] Bytes);
