using Google.Protobuf.Reflection;
using ReferralNet.Protos.LegalAid.V1;
using ReferralNet.Protos.Medical.V1;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Protos.Vocational.V1;

namespace ReferralNet.Protos;

/// <summary>Every gRPC file of the network, for checking requests before they reach a handler.</summary>
public static class ProtoFiles
{
    public static readonly FileDescriptor[] All =
        [ShelterReflection.Descriptor, LegalaidReflection.Descriptor, MedicalReflection.Descriptor, VocationalReflection.Descriptor];
}
