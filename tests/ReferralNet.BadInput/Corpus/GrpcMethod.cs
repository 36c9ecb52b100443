using Google.Protobuf.Reflection;
using ReferralNet.Protos.LegalAid.V1;
using ReferralNet.Protos.Medical.V1;
using ReferralNet.Protos.Shelter.V1;
using ReferralNet.Protos.Vocational.V1;

namespace ReferralNet.BadInput.Corpus;

/// <summary>
/// One gRPC lookup: its path, its request type, and a valid request as protobuf JSON. String
/// fields listed in <see cref="CodeFields"/> only take known values; the others are free filters.
/// </summary>
public sealed record GrpcMethod(string Service, string Path, MessageDescriptor Request, string ValidJson, IReadOnlyList<string> CodeFields)
{
    /// <summary>Every lookup of every service.</summary>
    public static readonly IReadOnlyList<GrpcMethod> All =
    [
        new("shelter", "/referralnet.shelter.v1.BedLookup/FindBeds", FindBedsRequest.Descriptor,
            """{"bedType":"women","area":"north-city","language":"en","accessibleOnly":false,"childrenAccepted":false}""", ["bed_type"]),
        new("shelter", "/referralnet.shelter.v1.BedLookup/GetShelter", GetShelterRequest.Descriptor, """{"shelterId":"harbour-house-main"}""", ["shelter_id"]),
        // referral_id is the caller's own reference; shelter_id and bed_type must exist.
        new("shelter", "/referralnet.shelter.v1.BedLookup/HoldBed", HoldBedRequest.Descriptor,
            """{"shelterId":"no-such-shelter","bedType":"women","referralId":"rf-badinput","holdMinutes":30}""", ["shelter_id", "bed_type"]),
        new("shelter", "/referralnet.shelter.v1.BedLookup/ReleaseHold", ReleaseHoldRequest.Descriptor, """{"holdId":"not-a-hold"}""", ["hold_id"]),
        new("legalaid", "/referralnet.legalaid.v1.LegalServiceLookup/FindLegalServices", FindLegalServicesRequest.Descriptor,
            """{"caseType":"t-visa","area":"north-city","language":"en"}""", ["case_type"]),
        new("medical", "/referralnet.medical.v1.MedicalServiceLookup/FindMedicalServices", FindMedicalServicesRequest.Descriptor,
            """{"service":"primary-care","area":"north-city","language":"en"}""", ["service"]),
        new("vocational", "/referralnet.vocational.v1.ProgrammeLookup/FindProgrammes", FindProgrammesRequest.Descriptor,
            """{"kind":"training","area":"south-valley","language":"en"}""", ["kind"]),
    ];

    /// <summary>The lookup at this path.</summary>
    public static GrpcMethod At(string path) =>
        All.FirstOrDefault(m => m.Path == path) ?? throw new ArgumentException($"no gRPC lookup at '{path}'", nameof(path));
}
