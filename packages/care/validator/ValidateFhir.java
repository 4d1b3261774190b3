// Validates FHIR R4 JSON resources with HAPI FHIR's instance validator (the HL7
// org.hl7.fhir.validation engine) against the R4 core definitions and terminology shipped in
// hapi-fhir-validation-resources-r4. One JVM checks every file named on the command line and
// prints one JSON line per file: {"file":..., "messages":[{"severity","location","message"}]}.
// Run by packages/care/scripts/fhir-validator.mjs (which fetches the jars from Maven Central).
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

public class ValidateFhir {
  public static void main(String[] args) throws Exception {
    FhirContext ctx = FhirContext.forR4();
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(ctx),
        new CommonCodeSystemsTerminologyService(ctx),
        new InMemoryTerminologyServerValidationSupport(ctx),
        new SnapshotGeneratingValidationSupport(ctx));
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    // Codes from systems the validator cannot expand (SNOMED CT) are reported, not guessed at.
    module.setAnyExtensionsAllowed(false);
    FhirValidator validator = ctx.newValidator().registerValidatorModule(module);
    StringBuilder out = new StringBuilder();
    for (String file : args) {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      ValidationResult result = validator.validateWithResult(text);
      out.setLength(0);
      out.append("{\"file\":").append(quote(file)).append(",\"messages\":[");
      boolean first = true;
      for (SingleValidationMessage m : result.getMessages()) {
        if (!first) out.append(',');
        first = false;
        out.append("{\"severity\":").append(quote(m.getSeverity().getCode()))
            .append(",\"location\":").append(quote(m.getLocationString()))
            .append(",\"message\":").append(quote(m.getMessage())).append('}');
      }
      out.append("]}");
      System.out.println(out);
    }
  }

  private static String quote(String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
