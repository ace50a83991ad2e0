import { StatusMessage } from "@/components/ui/StatusMessage";

export default function Forbidden() {
  return <StatusMessage titleKey="forbiddenTitle" bodyKey="forbiddenBody" />;
}
