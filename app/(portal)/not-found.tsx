import { StatusMessage } from "@/components/ui/StatusMessage";

// notFound() inside the signed-in shell.
export default function PortalNotFound() {
  return <StatusMessage titleKey="notFoundTitle" bodyKey="notFoundBody" />;
}
